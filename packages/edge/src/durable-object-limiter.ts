import {
  createMemoryLimiter,
  DEFAULT_CLIENT_LIMITS,
  type Limiter,
  type LimiterLease,
  LimiterWaitTimeout,
  type RateLimits,
  TrayOverloadedError,
} from '@traykit/core'
import type { LimiterAnswer, LimiterAsk } from './_limiter-protocol'

/** The part of a Durable Object namespace binding the limiter uses. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown
  get(id: never): { fetch(request: Request): Promise<Response> }
}

/** Options of `durableObjectLimiter`. */
export interface DurableObjectLimiterOptions {
  /** The object's name: one per Tray account. Default `'tray'`. */
  name?: string | undefined
  /**
   * The account's limits: `DEFAULT_CLIENT_LIMITS` by default (Tray's, with a margin on the
   * burst). Every isolate must give the same.
   */
  limits?: Partial<RateLimits> | undefined
  /**
   * What reads (every request but calls) do while the object does not answer. `'local'`
   * (default): each isolate keeps to `limits` on its own until it answers again (reads bill
   * nothing, and Tray's 429s are retried); `'fail-closed'`: refuse them like calls.
   */
  reads?: 'local' | 'fail-closed' | undefined
  /** Milliseconds the object has to answer beyond the wait itself before it counts as down. Default 1000. */
  storeTimeoutMs?: number | undefined
  /** Told of each failure to reach the object (for logs); the limiter has already handled it. */
  onUnavailable?: ((error: unknown) => void) | undefined
}

/** How long a caller is told to wait when the object did not answer. */
const STORE_DOWN_RETRY_MS = 1_000
/** Requests to the object go to this origin; a Durable Object's fetch needs an absolute URL. */
const ORIGIN = 'https://tray-limiter.invalid/'

class StoreDown extends Error {
  constructor(cause: unknown) {
    super('the limiter object did not answer', { cause })
  }
}

/** One limiter per namespace and name, so a per-request `(c) => …` keeps the same client pool. */
const cache = new WeakMap<object, Map<string, Limiter>>()

/**
 * A `Limiter` on the `TrayLimiter` Durable Object bound as `namespace`, shared by every isolate
 * that names the same object. Calls fail closed when the object is unreachable or slow
 * (`TrayOverloadedError`: the edge answers 503 with Retry-After, nothing sent); reads follow
 * `reads`.
 */
export function durableObjectLimiter(
  namespace: DurableObjectNamespaceLike,
  options: DurableObjectLimiterOptions = {},
): Limiter {
  if (
    typeof namespace !== 'object' ||
    namespace === null ||
    typeof namespace.idFromName !== 'function' ||
    typeof namespace.get !== 'function'
  ) {
    throw new TypeError(
      'durableObjectLimiter: namespace must be a Durable Object namespace binding of the TrayLimiter class (c.env.TRAY_LIMITER)',
    )
  }
  const name = options.name ?? 'tray'
  let byName = cache.get(namespace)
  if (!byName) {
    byName = new Map()
    cache.set(namespace, byName)
  }
  const key = JSON.stringify([name, options.limits, options.reads, options.storeTimeoutMs])
  let limiter = byName.get(key)
  if (!limiter) {
    limiter = createLimiter(namespace, name, options)
    byName.set(key, limiter)
  }
  return limiter
}

function createLimiter(
  namespace: DurableObjectNamespaceLike,
  name: string,
  options: DurableObjectLimiterOptions,
): Limiter {
  const { reads = 'local', storeTimeoutMs = 1_000, onUnavailable } = options
  if (reads !== 'local' && reads !== 'fail-closed') {
    throw new TypeError(
      `durableObjectLimiter: reads must be 'local' or 'fail-closed', got ${JSON.stringify(reads)}`,
    )
  }
  if (!(storeTimeoutMs > 0) || !Number.isFinite(storeTimeoutMs)) {
    throw new RangeError('durableObjectLimiter: storeTimeoutMs must be a number of ms above 0')
  }
  const limits: RateLimits = { ...DEFAULT_CLIENT_LIMITS, ...options.limits }
  // Checks the limits too; it serves reads while the object is unreachable (reads: 'local').
  const local = createMemoryLimiter(limits)
  const stub = () => namespace.get(namespace.idFromName(name) as never)

  const report = (error: unknown) => {
    try {
      onUnavailable?.(error instanceof StoreDown ? error.cause : error)
    } catch {
      // A failing log hook must not turn a handled failure into another.
    }
  }

  async function send(ask: LimiterAsk, waitMs: number | undefined): Promise<LimiterAnswer> {
    const request = new Request(ORIGIN, { method: 'POST', body: JSON.stringify(ask) })
    const answered = stub()
      .fetch(request)
      .then(async (response) => {
        if (!response.ok) throw new Error(`the limiter object answered ${response.status}`)
        return (await response.json()) as LimiterAnswer
      })
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the limiter object did not answer within ${storeTimeoutMs} ms`)),
        (waitMs ?? 0) + storeTimeoutMs,
      )
    })
    // Without a wait bound, only the object itself can say it is slow.
    const racers = waitMs === undefined ? [answered] : [answered, deadline]
    try {
      return await Promise.race(racers)
    } catch (error) {
      throw new StoreDown(error)
    } finally {
      clearTimeout(timer)
    }
  }

  /** Asks, and leaves when the signal aborts: the object then drops the waiter (or the slot). */
  async function ask(
    body: LimiterAsk & { op: 'request' | 'call' },
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (signal?.aborted) throw signal.reason
    const release = () => void send({ op: 'release', id: body.id }, 0).catch(report)
    let onAbort = () => {}
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal?.reason)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
    aborted.catch(() => {})
    try {
      const answer = await Promise.race([send(body, body.timeoutMs), aborted])
      if (answer.result === 'granted') return
      if (answer.result === 'timeout') throw new LimiterWaitTimeout()
      if (answer.result === 'overloaded') {
        throw new TrayOverloadedError(
          `The shared rate limiter's queue is full (limits.maxQueue); nothing was sent. Retry in about ${answer.retryAfterMs} ms`,
          { retryAfterMs: answer.retryAfterMs },
        )
      }
      throw new StoreDown(new Error(`unexpected answer ${JSON.stringify(answer)}`))
    } catch (error) {
      if (signal?.aborted || error instanceof StoreDown) release()
      throw error
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    async acquireRequest({ signal, timeoutMs } = {}) {
      try {
        await ask({ op: 'request', id: crypto.randomUUID(), timeoutMs, limits }, signal)
      } catch (error) {
        if (!(error instanceof StoreDown)) throw error
        report(error)
        if (reads === 'local') return local.acquireRequest({ signal, timeoutMs })
        throw unavailable()
      }
    },

    async acquireCall({ signal, timeoutMs, leaseMs }): Promise<LimiterLease> {
      if (!(leaseMs > 0) || !Number.isFinite(leaseMs)) {
        throw new RangeError('acquireCall: leaseMs must be a number of ms above 0')
      }
      const id = crypto.randomUUID()
      try {
        await ask({ op: 'call', id, timeoutMs, leaseMs: Math.ceil(leaseMs), limits }, signal)
      } catch (error) {
        if (!(error instanceof StoreDown)) throw error
        report(error)
        throw unavailable()
      }
      let released: Promise<void> | undefined
      return {
        release: () => {
          // A lost release is absorbed: the lease gives the slot back later.
          released ??= send({ op: 'release', id }, 0).then(() => {}, report)
          return released
        },
      }
    },
  }
}

function unavailable(): TrayOverloadedError {
  return new TrayOverloadedError(
    `The shared rate limiter (Durable Object) did not answer, so the request was refused: nothing was sent. Retry in about ${STORE_DOWN_RETRY_MS} ms`,
    { retryAfterMs: STORE_DOWN_RETRY_MS },
  )
}
