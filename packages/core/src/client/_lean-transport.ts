import type * as v from 'valibot'
import { createApiError, TrayRateLimitError, TrayServerError } from '../errors/tray-api-error'
import { TrayResponseTooLargeError } from '../errors/tray-response-too-large-error'
import {
  TrayAbortError,
  TrayConnectionError,
  TrayResponseError,
  TrayTimeoutError,
} from '../errors/tray-transport-errors'
import { type Limiter, type LimiterLease, LimiterWaitTimeout } from '../limiter/limiter'
import { createCancellations } from './_cancellation'
import { loadOnce } from './_load-once'
import { BodyTooLarge, readBody } from './_read-body'
import type { Redactor } from './redactor'
import { type BackoffOptions, type FailureKind, isRetryable, retryDelay } from './retry-policy'

// The transport of the lean client. What only a failing request needs (the redactor, error
// bodies, the words of every error) is in `_failures`, and valibot's parse with the catalog's
// shapes in `_shapes`: both are reached through `import()` only, so that a bundler splits them
// out of the first download. Never import either statically here.
const loadFailures = loadOnce(() => import('./_failures'))
const loadShapes = loadOnce(() => import('./_shapes'))

/** The module of response shapes, as a spec's `schema` function receives it. */
export type Shapes = typeof import('./_shapes')

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
  /**
   * The 2xx body's shape (omitted when no body is expected, 204): a schema, or a function
   * picking one of the lazily loaded `Shapes`, so that the caller needs no valibot at once.
   */
  schema?: v.GenericSchema<unknown, T> | ((shapes: Shapes) => v.GenericSchema<unknown, T>)
  /** A billable call: takes a concurrency slot instead of a rate token. */
  call?: boolean
  /** The caller declares this write safe to repeat after it may have run. */
  idempotent?: boolean
  signal?: AbortSignal | undefined
}

/** The statuses fetch follows; any other 3xx is an answer like a 4xx. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/**
 * Sends requests with timeouts, safe retries, rate limits and response parsing. `redact` is a
 * redactor already made (a caller that needs one at once); otherwise one is made the first time
 * an error or a hook needs it.
 */
export function createLeanTransport(config: TransportConfig, redact?: Redactor) {
  const baseHeaders: Record<string, string> = {
    accept: 'application/json',
    ...lowerCaseKeys(config.headers),
  }
  if (config.token) baseHeaders.authorization = `Bearer ${config.token}`
  const { hooks } = config
  const cancellations = createCancellations(config.timeoutMs)
  const redirects = refusedRedirects()

  /**
   * The redactor of this transport's token, for error surfaces only (messages, error bodies,
   * request ids, causes, hook events): what a request returns on success is never touched,
   * whatever the token looks like.
   */
  async function redactor(): Promise<Redactor> {
    redact ??= (await loadFailures()).createRedactor(config.token)
    return redact
  }

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    // Hooks get redacted URLs at once: the redactor is loaded once, before the first request.
    if (!redact && (hooks.onRequest || hooks.onResponse || hooks.onRetry)) await redactor()
    // On its way while the request is: no wait once the answer is in.
    const shapes = spec.schema ? loadShapes() : undefined
    shapes?.catch(() => {})
    const safe = spec.method === 'GET' || spec.idempotent === true
    for (let attempt = 0; ; attempt++) {
      // The attempt's timeout runs from here: time spent waiting for a limiter slot counts.
      const startedAt = performance.now()
      const release = await acquire(spec)
      try {
        return await attemptOnce(spec, attempt, startedAt, shapes)
      } catch (error) {
        const kind = failureKind(error)
        if (kind === undefined || attempt >= config.maxRetries || !isRetryable(kind, safe))
          throw error
        const retryAfterMs = error instanceof TrayRateLimitError ? error.retryAfterMs : undefined
        const delayMs = retryDelay(attempt, retryAfterMs, config.backoff)
        if (delayMs === undefined) throw error
        hooks.onRetry?.({
          method: spec.method,
          url: (redact as Redactor).text(urlOf(spec)),
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
        const { waitTimeoutDetail } = await loadFailures()
        throw new TrayTimeoutError(config.timeoutMs, waitTimeoutDetail(spec.call))
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
    shapes: Promise<Shapes> | undefined,
  ): Promise<T> {
    if (spec.signal?.aborted) throw new TrayAbortError()
    const url = urlOf(spec)
    const about = { method: spec.method, url, call: spec.call }
    const headers = { ...baseHeaders }
    let body: string | undefined
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json'
      try {
        body = JSON.stringify(spec.body)
      } catch (error) {
        // A cycle, a BigInt, or nesting deeper than the engine's stack: the caller's data.
        throw (await loadFailures()).unsendableError(error)
      }
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
    hooks.onRequest?.({ method: spec.method, url: (redact as Redactor).text(url), attempt })
    let response: Response | undefined
    let text = ''
    let failed: { error: unknown; duringFetch: boolean } | undefined
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
        text = await Promise.race([readBody(response, config.maxResponseBytes), deadline])
      } catch (error) {
        failed = { error, duringFetch: response === undefined }
      }
    } finally {
      clearTimeout(timer)
      spec.signal?.removeEventListener('abort', onAbort)
      // A request that timed out may still be running: it stays with its cancellation.
      if (!timedOut) cancellation.done()
    }
    if (failed) throw await attemptError(failed.error, failed.duringFetch)
    const answer = response as Response

    // The body is left as the server wrote it: a success is the caller's data, byte for byte.
    // Only what an error or a hook shows is redacted (a server that echoes request headers
    // would hand the token to whoever reads it).
    if (hooks.onResponse) {
      const { requestIdOf } = await loadFailures()
      hooks.onResponse({
        method: spec.method,
        url: (redact as Redactor).text(url),
        attempt,
        status: answer.status,
        durationMs: performance.now() - started,
        requestId: requestIdOf(answer.headers, redact as Redactor),
      })
    }

    const redirected = answer.type === 'opaqueredirect' || REDIRECT_STATUSES.has(answer.status)
    if (redirected || !answer.ok) {
      const failures = await loadFailures()
      const r = await redactor()
      if (redirected) {
        const where = answer.headers.get('location')
        throw responseError(failures.redirectMessage(r, about, answer.status, where))
      }
      const { issues, ...init } = failures.apiError(
        r,
        answer,
        text,
        parseJson(text),
        failures.requestIdOf(answer.headers, r),
      )
      throw issues ? failures.refusedInputError(init, issues) : createApiError(init)
    }
    if (!spec.schema) return undefined as T
    const json = parseJson(text)
    if (json === undefined) {
      throw responseError(`Tray answered ${answer.status} with a body that is not JSON`)
    }
    const shapesModule = await (shapes as Promise<Shapes>)
    const schema = typeof spec.schema === 'function' ? spec.schema(shapesModule) : spec.schema
    const result = shapesModule.safeParse(schema, json)
    if (result.success) return result.output
    const failures = await loadFailures()
    const { message, path } = failures.shapeError(await redactor(), result.issues[0])
    throw responseError(message, path)

    function responseError(message: string, path = ''): TrayResponseError {
      return new TrayResponseError(message, { status: answer.status, path })
    }

    /** The error of a fetch or body read that failed: an abort, a timeout, or the connection. */
    async function attemptError(error: unknown, duringFetch: boolean): Promise<Error> {
      if (error instanceof BodyTooLarge) {
        const { limitBytes } = error
        const { tooLargeMessage } = await loadFailures()
        const message = tooLargeMessage(await redactor(), about, response as Response, limitBytes)
        return new TrayResponseTooLargeError(message, {
          status: (response as Response).status,
          limitBytes,
        })
      }
      if (spec.signal?.aborted) return new TrayAbortError()
      if (timedOut) return timeoutError()
      if (error instanceof TrayAbortError || error instanceof TrayTimeoutError) return error
      const failures = await loadFailures()
      const found = failures.connectionError(await redactor(), error, about, duringFetch)
      if ('redirect' in found) return new TrayResponseError(found.redirect, { status: 0, path: '' })
      return new TrayConnectionError(found.message, found)
    }

    function timeoutError(): TrayTimeoutError {
      return new TrayTimeoutError(
        config.timeoutMs,
        spec.call ? 'the call may have run, so it was not sent again' : undefined,
      )
    }
  }

  return { request, baseUrl: config.baseUrl, redactor }
}

/** What the lean client and the functions of its subpaths send requests through. */
export type LeanTransport = ReturnType<typeof createLeanTransport>

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

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
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
