import * as v from 'valibot'
import { clip } from '../_clip'
import { TrayValidationError, type ValidationIssue } from '../errors/tray-validation-error'
import { checkInputBounds } from '../input-schema/check-input-bounds'
import { type CallPayload, CallPayloadSchema } from '../schemas/call-payload'
import { suggest } from '../suggest'

const FIELDS = Object.keys(CallPayloadSchema.entries)

/** Keys that name an object's machinery, never a field: refused whatever the payload. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Checks a call payload strictly and returns a copy holding only its fields: `operation` (a
 * non-empty string), `input` (an object within the input bounds), `authId` (a UUID) and
 * `returnOutputSchema` (a boolean). Any other key is refused, not dropped: a typo such as
 * `authID` would otherwise run the call without its authentication, and bill it. Throws
 * `TrayValidationError` naming each problem ("did you mean" for a misspelt key).
 */
export function parseCallPayload(value: unknown): CallPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid([{ path: '', message: `must be an object with ${FIELDS.join(', ')}` }])
  }
  // The value's own keys, not the parsed output's: valibot leaves `__proto__`, `constructor` and
  // `prototype` out of its output, so those would be dropped silently rather than refused.
  const unknown = Object.keys(value).filter((key) => !FIELDS.includes(key))
  // At most 100 named: a payload of 80 000 stray keys needs no 80 000 suggestions.
  if (unknown.length > 0) throw invalid(unknown.slice(0, 100).map((key) => unknownKey(key)))
  // The bounds come before the schema: valibot would copy every one of 80 000 stray input keys
  // before a bound could refuse them.
  const bounds = checkInputBounds((value as { input?: unknown }).input)
  if (bounds) {
    throw invalid([
      { path: bounds.path ? `input.${bounds.path}` : 'input', message: bounds.message },
    ])
  }
  const result = v.safeParse(CallPayloadSchema, value)
  if (!result.success) {
    throw invalid(
      result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })),
    )
  }
  const { operation, input, authId, returnOutputSchema } = result.output
  return {
    operation,
    input,
    ...(authId !== undefined && { authId }),
    ...(returnOutputSchema !== undefined && { returnOutputSchema }),
  }
}

function unknownKey(key: string): ValidationIssue {
  const path = clip(key, 100)
  if (FORBIDDEN.has(key)) {
    return { path, message: `refused: not a call payload field (fields: ${FIELDS.join(', ')})` }
  }
  const near = suggest(key, FIELDS)
  return {
    path,
    message: `unknown field${near ? ` (did you mean "${near}"?)` : ''}; a call payload has ${FIELDS.join(', ')}`,
  }
}

function invalid(issues: ValidationIssue[]): TrayValidationError {
  return new TrayValidationError(
    'The call payload does not have the expected shape; nothing was sent',
    issues,
  )
}
