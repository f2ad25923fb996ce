import {
  TrayAbortError,
  TrayApiError,
  TrayConnectionError,
  TrayOverloadedError,
  TrayRateLimitError,
  TrayResponseError,
  TrayResponseTooLargeError,
  TrayTimeoutError,
  TrayValidationError,
  type ValidationIssue,
} from '@traykit/core'
import { HTTPException } from 'hono/http-exception'
import { HandlerError } from './_handler-error'

/** What an error becomes on the wire: Tray's `{ message, code }`, plus `issues` for validation. */
export interface ErrorAnswer {
  status: number
  body: { message: string; code: string | null; issues?: ValidationIssue[] }
  headers: Record<string, string>
}

/**
 * Maps anything thrown while serving a request to an answer in Tray's error shape. Upstream
 * answers keep Tray's status, message and code; failures to get one become 502/504; anything
 * else is a 500 whose message says nothing about the server's internals.
 */
export function toErrorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HandlerError) {
    return answer(error.status, error.message, error.code, error.headers, error.issues)
  }
  if (error instanceof TrayValidationError) {
    // Core refused the call before sending it (an unknown operation or an invalid input), or
    // Tray refused its input: one answer, so a browser's client raises TrayValidationError.
    const headers: Record<string, string> = {}
    if (error.requestId) headers['x-tray-request-id'] = error.requestId
    return answer(400, error.message, 'invalid_input', headers, error.issues)
  }
  if (error instanceof TrayApiError) {
    const headers: Record<string, string> = {}
    if (error.requestId) headers['x-tray-request-id'] = error.requestId
    if (error instanceof TrayRateLimitError && error.retryAfterMs !== undefined) {
      headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000))
    }
    // A status that is not an error (a redirect fetch did not follow) is no answer to pass on.
    const status = error.status >= 400 && error.status <= 599 ? error.status : 502
    return answer(status, error.message, error.code, headers)
  }
  if (error instanceof TrayAbortError) {
    // The caller went away (its request's signal aborted): nobody reads this answer, and it is
    // no failure of the server's, so it stays below 500 and out of onError.
    return answer(499, 'The request was abandoned by its caller', 'client_closed_request')
  }
  if (error instanceof TrayOverloadedError) {
    // The client's queue for an upstream slot is full: nothing was sent, so a retry is safe.
    return answer(
      503,
      'Too many requests are waiting for Tray; nothing was sent, try again shortly',
      'overloaded',
      { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) },
    )
  }
  if (error instanceof TrayTimeoutError) {
    return answer(504, 'Tray did not answer in time', 'upstream_timeout')
  }
  if (error instanceof TrayConnectionError) {
    return answer(502, 'Tray could not be reached', 'upstream_unreachable')
  }
  if (error instanceof TrayResponseTooLargeError) {
    return answer(
      502,
      `Tray answered with a body larger than ${error.limitBytes} bytes, which was not read`,
      'upstream_too_large',
    )
  }
  if (error instanceof TrayResponseError) {
    // Core follows no redirect (the token would go with it): a redirect is not a 2xx.
    if (error.status < 200 || error.status > 299) {
      return answer(
        502,
        'Tray answered with a redirect, which is not followed',
        'upstream_redirect',
      )
    }
    return answer(
      502,
      'Tray answered with a body of an unexpected shape',
      'upstream_invalid_response',
    )
  }
  if (error instanceof HTTPException) {
    return answer(error.status, error.message || 'The request was refused', null)
  }
  return answer(500, 'The Tray handler failed; the server log has the details', 'internal_error')
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
