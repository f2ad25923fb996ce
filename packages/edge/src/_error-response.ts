import { TrayApiError, TrayValidationError, type ValidationIssue } from '@traykit/core/client'
import { errorOutcome } from '@traykit/core/server'
import { HTTPException } from 'hono/http-exception'
import { HandlerError } from './_handler-error'

/** What an error becomes on the wire: Tray's `{ message, code }`, plus `issues` for validation. */
export interface ErrorAnswer {
  status: number
  body: { message: string; code: string | null; issues?: ValidationIssue[] }
  headers: Record<string, string>
}

/**
 * Answers anything thrown while serving a request in Tray's error shape, from core's one error
 * table (`errorOutcome`): status, code, message and issues as it says, its `retryAfterMs` as
 * `Retry-After` and Tray's request id as `x-tray-request-id`. Only a Hono `HTTPException` (an
 * app's own hook refusing) is answered by Hono's rules.
 */
export function toErrorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HTTPException) {
    return answer(error.status, error.message || 'The request was refused', null)
  }
  const outcome = errorOutcome(error)
  const headers: Record<string, string> = error instanceof HandlerError ? { ...error.headers } : {}
  if (outcome.requestId) headers['x-tray-request-id'] = outcome.requestId
  if (outcome.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.ceil(outcome.retryAfterMs / 1000))
  }
  // Tray's own error body passes through in shape: its code, `null` included. A 400 that refused
  // the input is `invalid_input` whoever said it, so a browser's client raises TrayValidationError.
  const code =
    error instanceof TrayApiError && !(error instanceof TrayValidationError)
      ? error.code
      : outcome.code
  return answer(outcome.status, outcome.message, code, headers, outcome.issues)
}

function answer(
  status: number,
  message: string,
  code: string | null,
  headers: Record<string, string> = {},
  issues?: ValidationIssue[],
): ErrorAnswer {
  return { status, body: issues ? { message, code, issues } : { message, code }, headers }
}
