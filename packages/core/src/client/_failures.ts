// What only a failing request needs: the redactor, reading an error's body (Tray's 400 messages
// included) and the words of every transport error. The transport and the client reach this
// module through `import()` alone, so a page whose requests succeed never downloads it (a
// Worker bundle inlines it). Hooks see redacted URLs: a client with hooks loads it before its
// first request. The error classes are made by the caller from what these functions return, so
// that this module shares as little as it can with the first download; what it does share is
// re-exported at the end (see _shared-with-lazy).

import * as v from 'valibot'
import { clip } from '../_clip'
import type { TrayApiErrorInit, TrayNotFoundError } from '../errors/tray-api-error'
import { TrayValidationError, type ValidationIssue } from '../errors/tray-validation-error'
import { ErrorBodySchema } from '../schemas/error-body'
import { parseRetryAfter } from './_parse-retry-after'
import { validationIssues, validationSummary } from './_validation-answer'
import type { NotFoundMarker } from './catalog-cache'
import type { Redactor } from './redactor'

export * from './_shared-with-lazy'
export { createRedactor } from './redactor'

/** The request an error is about. */
export interface Attempt {
  method: string
  url: string
  /** A billable call: the words say whether it may have run. */
  call: boolean | undefined
}

/** Headers Tray or a gateway in front of it may use for a request id. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-tray-request-id', 'request-id', 'x-amzn-requestid']

/** How much of Tray's error message an error's `message` quotes. */
const MAX_MESSAGE = 500

/** Error codes that mean the request never left this machine, so it cannot have run. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/**
 * The answer's request id, redacted: a server that echoes request headers would hand the token
 * to whoever reads an error or a log.
 */
export function requestIdOf(headers: Headers, redact: Redactor): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name)
    if (value) return redact.text(value) || undefined
  }
  return undefined
}

/** A fetch or body read that failed (not a timeout or an abort): whether it may have run. */
export function connectionError(
  redact: Redactor,
  error: unknown,
  attempt: Attempt,
  duringFetch: boolean,
): { message: string; beforeSend: boolean; cause: unknown } | { redirect: string } {
  const code = errorCode(error)
  const reason = deepestMessage(error)
  // Where fetch refuses redirects itself (`redirect: "error"`), its message says so.
  if (/redirect/i.test(reason)) return { redirect: redirectMessage(redact, attempt, 0, null) }
  const detail = redact.text(code && !reason.includes(code) ? `${reason} (${code})` : reason)
  const beforeSend = duringFetch && code !== undefined && NOT_SENT_CODES.has(code)
  const origin = originOf(attempt.url)
  // Whether it may have run is what a caller decides a resend on: say which it is.
  const message = beforeSend
    ? `Could not reach ${origin} (${detail}): the request was not sent`
    : `The connection to ${origin} failed (${detail}): the request may have run`
  return {
    message,
    beforeSend,
    cause: { code: code && redact.text(code), message: redact.text(describe(error)) },
  }
}

/** A redirect, which traykit never follows; `status` 0 where the runtime keeps it to itself. */
export function redirectMessage(
  redact: Redactor,
  attempt: Attempt,
  status: number,
  location: string | null,
): string {
  const where = location === null ? '' : ` to ${clip(redact.text(location), 200)}`
  const answered = status === 0 ? 'with a redirect' : `${status} (a redirect${where})`
  return `Tray answered ${attempt.method} ${attempt.url} ${answered}, which traykit does not follow: the token is only sent to ${originOf(attempt.url)}${attempt.call ? ', and a call is not sent again' : ''}`
}

/** A body past `maxResponseBytes`, let go unread. */
export function tooLargeMessage(
  redact: Redactor,
  attempt: Attempt,
  response: Response,
  limitBytes: number,
): string {
  // A status that is not a 2xx is an error's body: said, since the caller sees neither.
  const answer = response.ok ? 'an answer' : `a ${response.status} answer`
  return `Tray sent ${answer} to ${attempt.method} ${redact.text(attempt.url)} larger than maxResponseBytes (${limitBytes} bytes); it was not read${attempt.call ? '. The call may have run, and is not sent again' : ''}`
}

/** What a timeout of the wait for a limiter slot says: nothing was sent. */
export function waitTimeoutDetail(call: boolean | undefined): string {
  return call
    ? 'the call waited all that time for a concurrency slot of this client, so it was NOT sent and did not run'
    : 'the request waited all that time for a rate-limit slot of this client, so it was not sent'
}

/**
 * A non-2xx answer: what its error holds, with `issues` (and their `summary`) when it refused
 * an input. `json` is the body parsed, undefined when it is not JSON.
 */
export function apiError(
  redact: Redactor,
  response: Response,
  text: string,
  json: unknown,
  requestId: string | undefined,
): TrayApiErrorInit & { code: string | null; issues?: ValidationIssue[] } {
  // Parsed first, then redacted string by string: a token JSON-escaped in the raw text is a
  // plain string here, and the message is redacted before it is cut, so no prefix survives.
  const body = json === undefined ? redact.text(text) : redact.value(json)
  const parsed = v.safeParse(ErrorBodySchema, body)
  const serverMessage = parsed.success ? parsed.output.message : ''
  const code = parsed.success ? (parsed.output.code ?? null) : null
  const { status } = response
  const issues = validationIssues(status, body, serverMessage)
  if (issues) {
    // The edge's `invalid_input` and Tray's own schema 400 are the error a local check gives.
    const message = validationSummary(serverMessage) || 'The server refused the input'
    return { status, message, code, requestId, body, issues }
  }
  // An empty message says nothing: the status does.
  // A message pages long (a proxy's HTML, a stack trace) is cut: `body` keeps all of it.
  const message =
    serverMessage.trim() !== ''
      ? clip(serverMessage, MAX_MESSAGE)
      : `Tray answered ${status} ${redact.text(response.statusText)}`.trim()
  return {
    status,
    message,
    code,
    requestId,
    body,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  }
}

/** Where and how a 2xx body breaks its documented shape. */
export function shapeError(
  redact: Redactor,
  issue: v.BaseIssue<unknown>,
): { message: string; path: string } {
  // Only the error is redacted: valibot's message quotes the value it received, and a path
  // is made of the body's keys.
  const path = redact.text(v.getDotPath(issue) ?? '')
  return {
    message: `Tray's response does not have the documented shape at ${path || 'the body'}: ${redact.text(issue.message)}`,
    path,
  }
}

/** An error body larger than this (as JSON text) is not kept with a remembered 404. */
const MAX_MARKER_BODY = 4096

/** How the catalog cache remembers a 404 (its request id left out: a 404 thrown again comes from no request). */
export function notFoundMarker(error: TrayNotFoundError): NotFoundMarker {
  const entry: NotFoundMarker['traykit:notFound'] = { message: error.message, code: error.code }
  if (error.body !== undefined) {
    let text: string | undefined
    try {
      text = JSON.stringify(error.body)
    } catch {
      // Not JSON: left out.
    }
    if (text !== undefined && text.length <= MAX_MARKER_BODY) entry.body = JSON.parse(text)
  }
  return { 'traykit:notFound': entry }
}

/** A fresh 404 for every read of a remembered one: callers may keep or change their own. */
export function rememberedNotFound(marker: NotFoundMarker): TrayApiErrorInit {
  const { message, code, body } = marker['traykit:notFound']
  // The body is copied too: a caller changing its error's body must not change the store's.
  const copy = body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as unknown)
  return { status: 404, message, code: code ?? null, body: copy }
}

/** The `code` of an error or of any error in its `cause` chain (undici nests it). */
function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/** The message of the innermost error of a `cause` chain: undici's outer one says only "fetch failed". */
function deepestMessage(error: unknown): string {
  let message = describe(error)
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof Error && e.message) message = e.message
    e = (e as { cause?: unknown }).cause
  }
  return message
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/** A request body JSON cannot hold: a validation error, since nothing was sent. */
export function unsendableError(error: unknown): TrayValidationError {
  const reason =
    error instanceof RangeError
      ? 'it is nested too deeply'
      : error instanceof Error
        ? error.message
        : String(error)
  return new TrayValidationError(
    `The request cannot be sent as JSON: ${reason}; nothing was sent`,
    [{ path: 'input', message: `cannot be sent as JSON: ${reason}` }],
  )
}

/** A server's 400 that refused the input: the error a local check gives, with the server's details. */
export function refusedInputError(
  init: TrayApiErrorInit & { code: string | null },
  issues: ValidationIssue[],
): TrayValidationError {
  const { status, code, requestId, body } = init
  return new TrayValidationError(init.message, issues, { status, code, requestId, body })
}
