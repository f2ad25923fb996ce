import type { Redactor } from '../client/redactor'
import { TrayApiError, TrayRateLimitError } from '../errors/tray-api-error'
import { TrayConnectorError } from '../errors/tray-connector-error'
import { TrayOverloadedError } from '../errors/tray-overloaded-error'
import { TrayResponseTooLargeError } from '../errors/tray-response-too-large-error'
import {
  TrayAbortError,
  TrayConnectionError,
  TrayResponseError,
  TrayTimeoutError,
} from '../errors/tray-transport-errors'
import { TrayValidationError, type ValidationIssue } from '../errors/tray-validation-error'
import { TrayGatewayError } from './tray-gateway-error'

/**
 * What any error means to a gateway's caller, whatever the gateway: the edge answers it as
 * HTTP, the CLI as an exit code, MCP as a tool error.
 */
export interface ErrorOutcome {
  /** A stable snake_case code: Tray's own for its answers, else traykit's (`upstream_timeout`). */
  code: string
  /** The HTTP status a server answers with (400 refused input, 5xx upstream trouble, 500 a bug). */
  status: number
  /**
   * The same request may be sent again as it is, later: it provably did not run, and the
   * failure passes (429, a full queue, a connection refused before sending). Never true for
   * one that may have run: the retry rule holds.
   */
  retryable: boolean
  /**
   * Whether a call that failed so may have cost a task: `false` (it did not run), `true` (it
   * ran: the third party failed), `'unknown'` (it may have run: a timeout, a 5xx, a broken
   * connection). About calls only: catalog reads never bill.
   */
  billed: boolean | 'unknown'
  /** What the caller may read: no internals, and no token when a redactor is given. */
  message: string
  /** What was wrong with the input, for `invalid_input` and other 400s of the gateway. */
  issues?: ValidationIssue[]
  /** When a retry may succeed, in milliseconds (a 429's `Retry-After`, a full queue). */
  retryAfterMs?: number
  /** The third party's own message, when a connector's call failed. */
  thirdPartyMessage?: string
  /** Tray's request id, when Tray answered. */
  requestId?: string
}

/**
 * The one error table of every traykit gateway: maps anything thrown while serving a request
 * to its outcome. Tray's answers keep their status, message and code; failures to get one are
 * 502/504; anything unknown is a 500 whose message tells nothing of the server's internals.
 * With `redact`, every text of the outcome is passed through it.
 */
export function errorOutcome(error: unknown, redact?: Redactor): ErrorOutcome {
  const outcome = tableOf(error)
  if (!redact) return outcome
  const redacted: ErrorOutcome = { ...outcome, message: redact.text(outcome.message) }
  if (outcome.issues) redacted.issues = redact.value(outcome.issues)
  if (outcome.thirdPartyMessage !== undefined) {
    redacted.thirdPartyMessage = redact.text(outcome.thirdPartyMessage)
  }
  if (outcome.requestId !== undefined) redacted.requestId = redact.text(outcome.requestId)
  return redacted
}

function tableOf(error: unknown): ErrorOutcome {
  if (error instanceof TrayGatewayError) {
    // The gateway refused it itself: nothing was sent.
    return withExtras(
      {
        code: error.code,
        status: error.status,
        retryable: error.retryAfterMs !== undefined,
        billed: false,
        message: error.message,
      },
      { issues: error.issues, retryAfterMs: error.retryAfterMs },
    )
  }
  if (error instanceof TrayValidationError) {
    // Core refused the call before sending it (an unknown operation or an invalid input), or
    // Tray refused its input: the same outcome, nothing billed.
    return withExtras(
      {
        code: 'invalid_input',
        status: 400,
        retryable: false,
        billed: false,
        message: error.message,
      },
      { issues: error.issues, requestId: error.requestId },
    )
  }
  if (error instanceof TrayApiError) {
    // A status that is not an error (a redirect fetch did not follow) is no answer to pass on.
    const status = error.status >= 400 && error.status <= 599 ? error.status : 502
    const rateLimited = error instanceof TrayRateLimitError
    return withExtras(
      {
        code: error.code ?? codeOfStatus(status),
        status,
        // A 429 is Tray refusing before running it; a 5xx may have run, so it is not "retryable".
        retryable: rateLimited,
        billed: status >= 500 ? 'unknown' : false,
        message: error.message,
      },
      {
        retryAfterMs: rateLimited ? error.retryAfterMs : undefined,
        requestId: error.requestId,
      },
    )
  }
  if (error instanceof TrayConnectorError) {
    // The call ran and the third party failed: the task was billed, and sending it again
    // would send it again.
    return withExtras(
      {
        code: 'connector_error',
        status: 502,
        retryable: false,
        billed: true,
        message: error.message,
      },
      { thirdPartyMessage: error.thirdPartyMessage },
    )
  }
  if (error instanceof TrayAbortError) {
    // The caller went away (its signal aborted): nobody reads the answer, and it is no
    // failure of the server's, so it stays below 500. A call may have been on its way.
    return {
      code: 'client_closed_request',
      status: 499,
      retryable: false,
      billed: 'unknown',
      message: 'The request was abandoned by its caller',
    }
  }
  if (error instanceof TrayOverloadedError) {
    // The client's queue for an upstream slot is full: nothing was sent, so a retry is safe.
    return {
      code: 'overloaded',
      status: 503,
      retryable: true,
      billed: false,
      message: 'Too many requests are waiting for Tray; nothing was sent, try again shortly',
      retryAfterMs: Math.max(1, error.retryAfterMs),
    }
  }
  if (error instanceof TrayTimeoutError) {
    return {
      code: 'upstream_timeout',
      status: 504,
      retryable: false,
      billed: 'unknown',
      message: 'Tray did not answer in time',
    }
  }
  if (error instanceof TrayConnectionError) {
    return {
      code: 'upstream_unreachable',
      status: 502,
      // Refused before sending: it provably did not run.
      retryable: error.beforeSend,
      billed: error.beforeSend ? false : 'unknown',
      message: 'Tray could not be reached',
    }
  }
  if (error instanceof TrayResponseTooLargeError) {
    return {
      code: 'upstream_too_large',
      status: 502,
      retryable: false,
      billed: 'unknown',
      message: `Tray answered with a body larger than ${error.limitBytes} bytes, which was not read`,
    }
  }
  if (error instanceof TrayResponseError) {
    // Core follows no redirect (the token would go with it): a redirect is not a 2xx.
    const redirect = error.status < 200 || error.status > 299
    return {
      code: redirect ? 'upstream_redirect' : 'upstream_invalid_response',
      status: 502,
      retryable: false,
      billed: 'unknown',
      message: redirect
        ? 'Tray answered with a redirect, which is not followed'
        : 'Tray answered with a body of an unexpected shape',
    }
  }
  // A bug, or an app's hook that threw: where it stood, a call may have been sent.
  return {
    code: 'internal_error',
    status: 500,
    retryable: false,
    billed: 'unknown',
    message: 'The Tray handler failed; the server log has the details',
  }
}

/** Tray's error bodies may carry no code: one from the status, so `code` is never empty. */
function codeOfStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request'
    case 401:
      return 'unauthorized'
    case 403:
      return 'forbidden'
    case 404:
      return 'not_found'
    case 429:
      return 'rate_limited'
    default:
      return status >= 500 ? 'upstream_error' : 'request_refused'
  }
}

function withExtras(
  outcome: ErrorOutcome,
  extras: {
    issues?: ValidationIssue[] | undefined
    retryAfterMs?: number | undefined
    thirdPartyMessage?: string | undefined
    requestId?: string | undefined
  },
): ErrorOutcome {
  if (extras.issues !== undefined) outcome.issues = extras.issues
  if (extras.retryAfterMs !== undefined) outcome.retryAfterMs = extras.retryAfterMs
  if (extras.thirdPartyMessage !== undefined) outcome.thirdPartyMessage = extras.thirdPartyMessage
  if (extras.requestId !== undefined) outcome.requestId = extras.requestId
  return outcome
}
