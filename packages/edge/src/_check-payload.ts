import {
  type CallPayload,
  CallPayloadSchema,
  TrayValidationError,
  type ValidationIssue,
} from '@traykit/core'
import { HandlerError } from './_handler-error'

const KNOWN_FIELDS = Object.keys(CallPayloadSchema.entries)

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
  const unknown = Object.keys(result.value).filter((key) => !KNOWN_FIELDS.includes(key))
  if (unknown.length > 0) {
    throw invalid(
      unknown.map((key) => ({
        path: key,
        message: `unknown field; a call payload has ${KNOWN_FIELDS.join(', ')}`,
      })),
    )
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

function dotPath(
  path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined,
): string {
  return (path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.')
}
