import * as v from 'valibot'
import { clip } from '../_clip'
import { createApiError, TrayRateLimitError, TrayServerError } from '../errors/tray-api-error'
import { TrayResponseTooLargeError } from '../errors/tray-response-too-large-error'
import {
  TrayAbortError,
  TrayConnectionError,
  TrayResponseError,
  TrayTimeoutError,
} from '../errors/tray-transport-errors'
import { TrayValidationError } from '../errors/tray-validation-error'
import { type Limiter, type LimiterLease, LimiterWaitTimeout } from '../limiter/limiter'
import { ErrorBodySchema } from '../schemas/error-body'
import { createCancellations } from './_cancellation'
import { readBody } from './_read-body'
import { validationIssues, validationSummary } from './_validation-answer'
import { createRedactor } from './redactor'
import {
  type BackoffOptions,
  type FailureKind,
  isRetryable,
  parseRetryAfter,
  retryDelay,
} from './retry-policy'

/** Observes the client's traffic, for logs and `--debug`. Never sees headers or the token. */
export interface ClientHooks {
  onRequest?(event: { method: string; url: string; attempt: number }): void
  onResponse?(event: {
    method: string
    url: string
    attempt: number
    status: number
    durationMs: number
    requestId: string | undefined
  }): void
  onRetry?(event: {
    method: string
    url: string
    attempt: number
    delayMs: number
    reason: FailureKind
  }): void
}

export interface TransportConfig {
  baseUrl: string
  token: string | undefined
  fetch: typeof fetch
  timeoutMs: number
  /** Bytes of an answer's body read at most; past them, `TrayResponseTooLargeError`. */
  maxResponseBytes: number
  maxRetries: number
  headers: Record<string, string>
  limiter: Limiter | undefined
  backoff: BackoffOptions
  hooks: ClientHooks
}

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'DELETE'
  /** Path under the base URL, segments already encoded. */
  path: string
  body?: unknown
  /** The 2xx body's shape; omitted when no body is expected (204). */
  schema?: v.GenericSchema<unknown, T>
  /** A billable call: takes a concurrency slot instead of a rate token. */
  call?: boolean
  /** The caller declares this write safe to repeat after it may have run. */
  idempotent?: boolean
  signal?: AbortSignal | undefined
}

/** Headers Tray or a gateway in front of it may use for a request id. */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-tray-request-id', 'request-id', 'x-amzn-requestid']

/** How much of Tray's error message an error's `message` quotes. */
const MAX_MESSAGE = 500

/** The statuses fetch follows; any other 3xx is an answer like a 4xx. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** Error codes that mean the request never left this machine, so it cannot have run. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** Sends requests with timeouts, safe retries, rate limits and response parsing. */
export function createTransport(config: TransportConfig) {
  const baseHeaders: Record<string, string> = {
    accept: 'application/json',
    ...lowerCaseKeys(config.headers),
  }
  if (config.token) baseHeaders.authorization = `Bearer ${config.token}`
  const cancellations = createCancellations(config.timeoutMs)
  // Error surfaces only (messages, error bodies, request ids, causes, hook events): what a
  // request returns on success is never touched, whatever the token looks like.
  const redact = createRedactor(config.token)
  const redirects = refusedRedirects()

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    const safe = spec.method === 'GET' || spec.idempotent === true
    for (let attempt = 0; ; attempt++) {
      // The attempt's timeout runs from here: time spent waiting for a limiter slot counts.
      const startedAt = performance.now()
      const release = await acquire(spec)
      try {
        return await attemptOnce(spec, attempt, startedAt)
      } catch (error) {
        const kind = failureKind(error)
        if (kind === undefined || attempt >= config.maxRetries || !isRetryable(kind, safe))
          throw error
        const retryAfterMs = error instanceof TrayRateLimitError ? error.retryAfterMs : undefined
        const delayMs = retryDelay(attempt, retryAfterMs, config.backoff)
        if (delayMs === undefined) throw error
        config.hooks.onRetry?.({
          method: spec.method,
          url: redact.text(urlOf(spec)),
          attempt,
          delayMs,
          reason: kind,
        })
        release()
        await sleep(delayMs, spec.signal)
      } finally {
        release()
      }
    }
  }

  async function acquire(spec: RequestSpec<unknown>): Promise<() => void> {
    const limiter = config.limiter
    if (!limiter) return () => {}
    try {
      const wait = { signal: spec.signal, timeoutMs: config.timeoutMs }
      if (spec.call) {
        // The slot is held for one attempt, which its timeout bounds; the margin covers the
        // wait, clock skew and the release's own trip to a shared store.
        const lease = await limiter.acquireCall({ ...wait, leaseMs: 2 * config.timeoutMs + 5_000 })
        let released = false
        return () => {
          if (released) return
          released = true
          releaseQuietly(lease)
        }
      }
      await limiter.acquireRequest(wait)
      return () => {}
    } catch (error) {
      if (spec.signal?.aborted) throw new TrayAbortError()
      // Not retried: another wait in the same queue would only double what the caller waits.
      if (error instanceof LimiterWaitTimeout) {
        throw new TrayTimeoutError(
          config.timeoutMs,
          spec.call
            ? 'the call waited all that time for a concurrency slot of this client, so it was NOT sent and did not run'
            : 'the request waited all that time for a rate-limit slot of this client, so it was not sent',
        )
      }
      throw error
    }
  }

  function urlOf(spec: RequestSpec<unknown>): string {
    return `${config.baseUrl}${spec.path}`
  }

  async function attemptOnce<T>(
    spec: RequestSpec<T>,
    attempt: number,
    startedAt: number,
  ): Promise<T> {
    if (spec.signal?.aborted) throw new TrayAbortError()
    const url = urlOf(spec)
    const headers = { ...baseHeaders }
    let body: string | undefined
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json'
      body = serialize(spec.body)
    }

    // The cancellation ends the request and the body read together; a caller's signal gets a
    // controller of its own so that its abort ends this request only.
    // What is left of the attempt's time after its wait for a slot. A request that waited
    // longer than the shared controllers' window gets a controller of its own: a shared one
    // would cancel its request only a whole timeout after it began to send.
    const waitedMs = performance.now() - startedAt
    const remainingMs = config.timeoutMs - waitedMs
    const cancellation = cancellations.next(spec.signal !== undefined || waitedMs >= 20)
    let timedOut = false
    let rejectDeadline: (reason: unknown) => void = () => {}
    // Some fetch implementations ignore the signal while the body streams; racing a promise
    // against every step keeps the timeout true whatever fetch does.
    const deadline = new Promise<never>((_, reject) => {
      rejectDeadline = reject
    })
    deadline.catch(() => {})
    const timer = setTimeout(
      () => {
        timedOut = true
        cancellation.abort()
        rejectDeadline(timeoutError())
      },
      Math.max(0, remainingMs),
    )
    const onAbort = () => {
      cancellation.abort()
      rejectDeadline(new TrayAbortError())
    }
    spec.signal?.addEventListener('abort', onAbort, { once: true })

    const started = performance.now()
    config.hooks.onRequest?.({ method: spec.method, url: redact.text(url), attempt })
    let response: Response
    let text: string
    try {
      try {
        const init: RequestInit = {
          method: spec.method,
          headers,
          signal: cancellation.signal,
          ...redirects,
        }
        if (body !== undefined) init.body = body
        response = await Promise.race([config.fetch(url, init), deadline])
      } catch (error) {
        throw toAttemptError(error, true)
      }
      try {
        text = await Promise.race([readBody(response, config.maxResponseBytes, tooLarge), deadline])
      } catch (error) {
        throw error instanceof TrayResponseTooLargeError ? error : toAttemptError(error, false)
      }
    } finally {
      clearTimeout(timer)
      spec.signal?.removeEventListener('abort', onAbort)
      // A request that timed out may still be running: it stays with its cancellation.
      if (!timedOut) cancellation.done()
    }

    // The body is left as the server wrote it: a success is the caller's data, byte for byte.
    // A server that echoes request headers (a proxy, a gateway, a third party's error) would
    // hand the token to whoever reads an error: apiError redacts what it parsed, before any cut.
    const requestId = redact.text(readRequestId(response.headers) ?? '') || undefined
    config.hooks.onResponse?.({
      method: spec.method,
      url: redact.text(url),
      attempt,
      status: response.status,
      durationMs: performance.now() - started,
      requestId,
    })

    if (response.type === 'opaqueredirect' || REDIRECT_STATUSES.has(response.status)) {
      const location = response.headers.get('location')
      throw redirected(
        response.status,
        location === null ? '' : ` to ${clip(redact.text(location), 200)}`,
      )
    }
    if (!response.ok) throw apiError(response, text, requestId)
    if (!spec.schema) return undefined as T
    return parseBody(spec.schema, text, response.status)

    function toAttemptError(error: unknown, duringFetch: boolean): Error {
      if (spec.signal?.aborted) return new TrayAbortError()
      if (timedOut) return timeoutError()
      if (error instanceof TrayAbortError || error instanceof TrayTimeoutError) return error
      const code = errorCode(error)
      const reason = deepestMessage(error)
      // Where fetch refuses redirects itself (`redirect: "error"`), its message says so.
      if (/redirect/i.test(reason)) return redirected(0, '')
      const detail = redact.text(code && !reason.includes(code) ? `${reason} (${code})` : reason)
      const beforeSend = duringFetch && code !== undefined && NOT_SENT_CODES.has(code)
      // Whether it may have run is what a caller decides a resend on: say which it is.
      const message = beforeSend
        ? `Could not reach ${originOf(url)} (${detail}): the request was not sent`
        : `The connection to ${originOf(url)} failed (${detail}): the request may have run`
      return new TrayConnectionError(message, {
        beforeSend,
        cause: { code: code && redact.text(code), message: redact.text(describe(error)) },
      })
    }

    function redirected(status: number, where: string): TrayResponseError {
      const answered = status === 0 ? 'with a redirect' : `${status} (a redirect${where})`
      return new TrayResponseError(
        `Tray answered ${spec.method} ${url} ${answered}, which traykit does not follow: the token is only sent to ${originOf(url)}${spec.call ? ', and a call is not sent again' : ''}`,
        { status, path: '' },
      )
    }

    function tooLarge(limitBytes: number): TrayResponseTooLargeError {
      // A status that is not a 2xx is an error's body: said, since the caller sees neither.
      const answer = response.ok ? 'an answer' : `a ${response.status} answer`
      return new TrayResponseTooLargeError(
        `Tray sent ${answer} to ${spec.method} ${redact.text(url)} larger than maxResponseBytes (${limitBytes} bytes); it was not read${spec.call ? '. The call may have run, and is not sent again' : ''}`,
        { status: response.status, limitBytes },
      )
    }

    function timeoutError(): TrayTimeoutError {
      return new TrayTimeoutError(
        config.timeoutMs,
        spec.call ? 'the call may have run, so it was not sent again' : undefined,
      )
    }
  }

  function apiError(response: Response, text: string, requestId: string | undefined) {
    // Parsed first, then redacted string by string: a token JSON-escaped in the raw text is a
    // plain string here, and the message is redacted before it is cut, so no prefix survives.
    const json = tryParseJson(text)
    const body = json === undefined ? redact.text(text) : redact.value(json)
    const parsed = v.safeParse(ErrorBodySchema, body)
    const serverMessage = parsed.success ? parsed.output.message : ''
    const code = parsed.success ? (parsed.output.code ?? null) : null
    const issues = validationIssues(response.status, body, serverMessage)
    if (issues) {
      // The edge's `invalid_input` and Tray's own schema 400 are the error a local check gives.
      const summary = validationSummary(serverMessage) || 'The server refused the input'
      return new TrayValidationError(summary, issues, {
        status: response.status,
        code,
        requestId,
        body,
      })
    }
    // An empty message says nothing: the status does.
    // A message pages long (a proxy's HTML, a stack trace) is cut: `body` keeps all of it.
    const message =
      serverMessage.trim() !== ''
        ? clip(serverMessage, MAX_MESSAGE)
        : `Tray answered ${response.status} ${redact.text(response.statusText)}`.trim()
    return createApiError({
      status: response.status,
      message,
      code,
      requestId,
      body,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    })
  }

  function parseBody<T>(schema: v.GenericSchema<unknown, T>, text: string, status: number): T {
    const json = tryParseJson(text)
    if (json === undefined) {
      throw new TrayResponseError(`Tray answered ${status} with a body that is not JSON`, {
        status,
        path: '',
      })
    }
    const result = v.safeParse(schema, json)
    if (result.success) return result.output
    const issue = result.issues[0]
    // Only the error is redacted: valibot's message quotes the value it received, and a path
    // is made of the body's keys.
    const path = redact.text(v.getDotPath(issue) ?? '')
    throw new TrayResponseError(
      `Tray's response does not have the documented shape at ${path || 'the body'}: ${redact.text(issue.message)}`,
      { status, path },
    )
  }

  return { request, baseUrl: config.baseUrl, redact }
}

export type Transport = ReturnType<typeof createTransport>

/**
 * The fetch options that refuse redirects: Tray's API never redirects, and following one would
 * send the token, or a billed call, somewhere else. `"error"` (with `window: null`) also spares
 * undici a copy of every request body, which it makes only so that it could follow; workerd
 * accepts only `"manual"`, so there a redirect is an answer that the transport refuses.
 */
function refusedRedirects(): RequestInit {
  // Worked out once per runtime (its Request class), not for every client an edge pool makes.
  const runtime = globalThis.Request
  if (redirectsFor?.runtime === runtime) return redirectsFor.init
  const refusing: RequestInit = { redirect: 'error', window: null }
  let init: RequestInit = refusing
  try {
    new Request('http://traykit.invalid/', refusing)
  } catch {
    init = { redirect: 'manual' }
  }
  redirectsFor = { runtime, init }
  return init
}
let redirectsFor: { runtime: typeof Request; init: RequestInit } | undefined

function failureKind(error: unknown): FailureKind | undefined {
  if (error instanceof TrayRateLimitError) return 'rate-limited'
  if (error instanceof TrayServerError) return 'server-error'
  if (error instanceof TrayTimeoutError) return 'timeout'
  if (error instanceof TrayConnectionError) return error.beforeSend ? 'not-sent' : 'network'
  return undefined
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TrayAbortError())
    const onAbort = () => {
      clearTimeout(timer)
      reject(new TrayAbortError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function readRequestId(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name)
    if (value) return value
  }
  return undefined
}

function tryParseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
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

/** The request body as JSON, or a validation error (nothing sent) for what JSON cannot hold. */
function serialize(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch (error) {
    // A cycle, a BigInt, or nesting deeper than the engine's stack: the caller's data, not Tray.
    const reason = error instanceof RangeError ? 'it is nested too deeply' : describe(error)
    throw new TrayValidationError(
      `The request cannot be sent as JSON: ${reason}; nothing was sent`,
      [{ path: 'input', message: `cannot be sent as JSON: ${reason}` }],
    )
  }
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

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, value]) => [k.toLowerCase(), value]))
}

/**
 * Gives a call slot back without letting a store's failure reach the caller: the call's own
 * outcome matters more, and an unreleased lease expires on its own.
 */
function releaseQuietly(lease: LimiterLease): void {
  try {
    const done = lease.release()
    if (done && typeof done.then === 'function') done.then(undefined, () => {})
  } catch {
    // The lease expires on its own.
  }
}
