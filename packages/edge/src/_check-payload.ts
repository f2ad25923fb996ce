import {
  type CallPayload,
  CallPayloadSchema,
  TrayValidationError,
  type ValidationIssue,
} from '@traykit/core'
import { HandlerError } from './_handler-error'

const KNOWN_FIELDS = Object.keys(CallPayloadSchema.entries)
/**
 * Deeper than any input schema goes. A call is sent as JSON text, and serialising a value
 * thousands of levels deep overflows the stack: refused here, it is a 400, not a failure.
 */
export const MAX_PAYLOAD_DEPTH = 128

/**
 * Checks a call body against core's `CallPayloadSchema` and keeps only its fields. Unknown
 * fields are refused rather than dropped: a typo such as `authID` would otherwise run the
 * call without its authentication, and bill it.
 */
export function checkPayload(body: unknown): CallPayload {
  const result = CallPayloadSchema['~standard'].validate(body)
  if (result instanceof Promise) throw new TypeError('CallPayloadSchema must be synchronous')
  if (result.issues) {
    throw invalid(
      result.issues.map((issue) => ({ path: dotPath(issue.path), message: issue.message })),
    )
  }
  // The body's own keys, not the parsed value's: valibot leaves `__proto__`, `constructor` and
  // `prototype` out of its output, so those would be dropped silently rather than refused.
  const unknown = Object.keys(body as object).filter((key) => !KNOWN_FIELDS.includes(key))
  if (unknown.length > 0) {
    throw invalid(
      unknown.map((key) => ({
        path: key,
        message: `unknown field; a call payload has ${KNOWN_FIELDS.join(', ')}`,
      })),
    )
  }
  const tooDeep = fieldNestedTooDeep(result.value)
  if (tooDeep !== undefined) {
    throw invalid([{ path: tooDeep, message: `nested more than ${MAX_PAYLOAD_DEPTH} levels deep` }])
  }
  const { operation, input, authId, returnOutputSchema } = result.value
  return {
    operation,
    input,
    ...(authId !== undefined && { authId }),
    ...(returnOutputSchema !== undefined && { returnOutputSchema }),
  }
}

function invalid(issues: ValidationIssue[]): HandlerError {
  // Core's error composes the message, so both name each issue the same way.
  const { message } = new TrayValidationError(
    'The call payload does not have the expected shape; nothing was sent',
    issues,
  )
  return new HandlerError(400, 'invalid_payload', message, { issues })
}

/** The top-level field under which the body nests too deep, walked without recursion. */
function fieldNestedTooDeep(body: object): string | undefined {
  const pending: Array<{ value: object; depth: number; field: string }> = []
  for (const [field, value] of Object.entries(body)) {
    if (typeof value === 'object' && value !== null) pending.push({ value, depth: 2, field })
  }
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.depth > MAX_PAYLOAD_DEPTH) return item.field
    for (const value of Object.values(item.value)) {
      if (typeof value === 'object' && value !== null) {
        pending.push({ value, depth: item.depth + 1, field: item.field })
      }
    }
  }
  return undefined
}

function dotPath(
  path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined,
): string {
  return (path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.')
}
