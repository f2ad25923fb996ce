import { validate } from '@cfworker/json-schema'
import { clip } from '../_clip'
import type { ValidationIssue } from '../errors/tray-validation-error'
import type { Operation } from '../schemas/operation'
import { type CompiledSchema, compiledSchema } from './_compiled-schema'
import { describeValue } from './_issue-messages'
import { budgetedRefs } from './_schema-refs'
import { trimUnknownFields } from './_trim-unknown-fields'
import { issuesFromErrors, MAX_ISSUES } from './_validation-issues'
import { checkInputBounds, INPUT_LIMITS } from './check-input-bounds'

/** The result of checking an input against an operation's input schema. */
export type ValidationResult = { valid: true } | { valid: false; issues: ValidationIssue[] }

const VALID: ValidationResult = Object.freeze({ valid: true })
// Past this many values, the plain-JSON check gives up and lets JSON.stringify decide. The
// input bounds have let at most this many through.
const MAX_SCANNED = INPUT_LIMITS.maxValues + 1
// Inputs of at most this many values (fields, items, nested values) get every problem listed:
// each costs the validator an error object, seconds for an array of 100 000 wrong items.
const ALL_PROBLEMS_UP_TO = 5_000

/**
 * Checks an input against an operation's input schema, as Tray would before running it.
 * Never throws: any value, however odd, gets a result.
 *
 * @example
 * const result = validateInput(operation, { message: 'hi' })
 * if (!result.valid) console.log(result.issues) // [{ path: 'channel_id', message: 'channel_id is required' }, …]
 */
export function validateInput(operation: Operation, input: unknown): ValidationResult {
  const name = typeof operation?.name === 'string' ? clip(operation.name) : 'the operation'
  const unusable = (why: string) =>
    invalid(`the input schema of ${name} cannot be used to validate (${why})`)
  let compiled: ReturnType<typeof compiledSchema>
  try {
    compiled = compiledSchema(operation.inputSchema)
  } catch (error) {
    compiled = { error: reason(error) }
  }
  if ('error' in compiled) return unusable(compiled.error)
  // Before anything walks the input: what it may cost is bounded by its size, checked here
  // at a cost bounded by the limits.
  const tooLarge = checkInputBounds(input)
  if (tooLarge) return { valid: false, issues: [tooLarge] }
  // What would be sent decides (a Date is sent as a string, an undefined field is left out),
  // but the input as given is looked at first: a cycle is better named by its field.
  const { plain, values } = scan(input)
  let first: ValidationResult | undefined
  try {
    first = check(compiled, input, !plain || values > ALL_PROBLEMS_UP_TO)
    if (plain) return first
  } catch {
    // Stopped by a bound, or by a value the validator does not know (a function): the JSON
    // text is checked below, and meets the same bound if that was it.
  }
  let sent: unknown
  try {
    sent = JSON.parse(JSON.stringify(input) ?? 'undefined')
  } catch (error) {
    return first?.valid === false
      ? first
      : invalid(`input cannot be sent as JSON (${reason(error)})`)
  }
  try {
    return check(compiled, sent, scan(sent).values > ALL_PROBLEMS_UP_TO)
  } catch (error) {
    // A recursive schema walks as deep as the input goes, and a loop of `$ref`s without end.
    if (error instanceof RangeError) {
      const loop = compiled.hasRefs ? " (or the schema's $refs loop)" : ''
      return invalid(`input is nested too deeply to validate${loop}`)
    }
    return unusable(reason(error))
  }
}

function check(compiled: CompiledSchema, input: unknown, firstOnly: boolean): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return invalid(`input must be an object, not ${describeValue(input)}`)
  }
  // Unknown fields past those that can be listed are left out: the validator would make an
  // error of every one (seconds for 80 000), and the answer stays what it would have been.
  const seen = trimUnknownFields(input, compiled.schema, firstOnly ? 1 : MAX_ISSUES)
  const run = (firstErrorOnly: boolean) =>
    validate(
      seen,
      compiled.schema,
      compiled.draft,
      // Without a `$ref` nothing recurses: the budget is kept for schemas that have some.
      compiled.hasRefs ? budgetedRefs(compiled.refs, compiled.base) : compiled.refs,
      firstErrorOnly,
    )
  let result: ReturnType<typeof run>
  try {
    result = run(firstOnly)
  } catch (error) {
    // Besides nesting too deep, a RangeError is the validator passing a few hundred thousand
    // problems as arguments: then the first one is what can be said.
    if (firstOnly || !(error instanceof RangeError)) throw error
    result = run(true)
  }
  if (result.valid) return VALID
  return { valid: false, issues: issuesFromErrors(result.errors, compiled, seen) }
}

/**
 * Whether a value's JSON text would read back as the same value, and how many values it
 * holds (counted as far as it was scanned).
 */
function scan(value: unknown): { plain: boolean; values: number } {
  // A cycle is scanned until the count runs out; JSON.stringify then names it.
  const pending = [value]
  let values = 0
  const stop = () => ({ plain: false, values })
  while (pending.length > 0) {
    if (++values > MAX_SCANNED) return stop()
    const item = pending.pop()
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return stop()
      continue
    }
    if (typeof item !== 'object') return stop()
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        if (!(i in item)) return stop()
        pending.push(item[i])
      }
    } else {
      const proto = Object.getPrototypeOf(item)
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in item) return stop()
      for (const key in item) pending.push((item as Record<string, unknown>)[key])
    }
  }
  return { plain: true, values }
}

function invalid(message: string): ValidationResult {
  return { valid: false, issues: [{ path: '', message }] }
}

function reason(error: unknown): string {
  if (error instanceof RangeError) return 'it is nested too deeply'
  try {
    const text = error instanceof Error ? String(error.message) : String(error)
    return clip(text.replace(/\s+/g, ' '))
  } catch {
    // Thrown by a hostile value's own code (a `toJSON`), and not even printable.
    return 'an error that cannot be shown'
  }
}
