import { validate } from '@cfworker/json-schema'
import type { ValidationIssue } from '../errors/tray-validation-error'
import type { Operation } from '../schemas/operation'
import { type CompiledSchema, compiledSchema } from './_compiled-schema'
import { describeValue } from './_issue-messages'
import { issuesFromErrors } from './_validation-issues'

/** The result of checking an input against an operation's input schema. */
export type ValidationResult = { valid: true } | { valid: false; issues: ValidationIssue[] }

const VALID: ValidationResult = Object.freeze({ valid: true })
// Past this many values, the plain-JSON check gives up and lets JSON.stringify decide.
const MAX_SCANNED = 100_000

/**
 * Checks an input against an operation's input schema, as Tray would before running it.
 * Never throws: any value, however odd, gets a result.
 *
 * @example
 * const result = validateInput(operation, { message: 'hi' })
 * if (!result.valid) console.log(result.issues) // [{ path: 'channel_id', message: 'channel_id is required' }, …]
 */
export function validateInput(operation: Operation, input: unknown): ValidationResult {
  const name = typeof operation?.name === 'string' ? operation.name : 'the operation'
  let compiled: ReturnType<typeof compiledSchema>
  try {
    compiled = compiledSchema(operation.inputSchema)
  } catch (error) {
    compiled = { error: reason(error) }
  }
  if ('error' in compiled) {
    return invalid(`the input schema of ${name} cannot be used to validate (${compiled.error})`)
  }

  let first: ValidationResult | undefined
  try {
    first = check(compiled, input)
    if (first.valid || isPlainJson(input)) return first
  } catch (error) {
    // A recursive schema walks as deep as the input goes; its JSON text would be as deep.
    if (error instanceof RangeError) return invalid('input is nested too deeply to validate')
    // Otherwise not plain JSON (an `undefined` value, say): judged below by what would be sent.
  }
  // Tray receives the input's JSON text, so that is what decides: a Date is sent as a
  // string, an undefined field is left out.
  let sent: unknown
  try {
    sent = JSON.parse(JSON.stringify(input) ?? 'undefined')
  } catch (error) {
    return first ?? invalid(`input cannot be sent as JSON (${reason(error)})`)
  }
  try {
    return check(compiled, sent)
  } catch (error) {
    return first ?? invalid(`input could not be validated (${reason(error)})`)
  }
}

function check(compiled: CompiledSchema, input: unknown): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return invalid(`input must be an object, not ${describeValue(input)}`)
  }
  const result = validate(input, compiled.schema, compiled.draft, compiled.refs, false)
  if (result.valid) return VALID
  return { valid: false, issues: issuesFromErrors(result.errors, compiled, input) }
}

/** Whether a value's JSON text would read back as the same value. */
function isPlainJson(value: unknown): boolean {
  const pending = [value]
  for (let scanned = 0; pending.length > 0; scanned++) {
    if (scanned > MAX_SCANNED) return false
    const item = pending.pop()
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false
    } else if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        if (!(i in item)) return false
        pending.push(item[i])
      }
    } else if (typeof item === 'object') {
      const proto = Object.getPrototypeOf(item)
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in item) return false
      for (const key in item) pending.push((item as Record<string, unknown>)[key])
    } else {
      return false
    }
  }
  return true
}

function invalid(message: string): ValidationResult {
  return { valid: false, issues: [{ path: '', message }] }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
