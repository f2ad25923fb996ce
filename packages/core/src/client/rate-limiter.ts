import { TrayOverloadedError } from '../errors/tray-overloaded-error'
import {
  type Limiter,
  type LimiterAcquireOptions,
  type LimiterCallOptions,
  type LimiterLease,
  LimiterWaitTimeout,
} from '../limiter/limiter'

/** Limits a client keeps to, so bulk use does not provoke 429s. */
export interface RateLimits {
  /** Sustained requests per second on non-call routes. Tray: 30. */
  requestsPerSecond: number
  /** Requests that may go at once after a quiet spell. Tray: 50. */
  burst: number
  /** Calls in flight at once. Tray: 1000. */
  maxConcurrentCalls: number
  /**
   * Requests that may wait for a slot, in each of the two queues (reads and other requests
   * waiting for a rate token; calls waiting for a concurrency slot). Past it, a request is
   * refused at once with `TrayOverloadedError`, nothing sent. traykit's own bound, not Tray's:
   * 200 is about 6.7 s of reads at 30/s, more than a request would want to wait anyway.
   */
  maxQueue: number
}

/** Tray's documented limits (Tray docs: rateLimiting), and traykit's queue bound. */
export const TRAY_RATE_LIMITS: RateLimits = {
  requestsPerSecond: 30,
  burst: 50,
  maxConcurrentCalls: 1000,
  maxQueue: 200,
}

/**
 * The limits traykit's limiters keep to by default: Tray's, with 5 of the burst's 50 held back.
 * A request reaches Tray a moment after its limiter grants it, and not always in the order or at
 * the pace of the grants: a bucket as large as Tray's lets that jitter empty Tray's own, which
 * then answers 429. The 5 tokens absorb a sixth of a second of it at 30 requests/s.
 */
export const DEFAULT_CLIENT_LIMITS: RateLimits = { ...TRAY_RATE_LIMITS, burst: 45 }

/** Before any call has finished, how long a call is assumed to hold its slot. */
const ASSUMED_CALL_MS = 1000

/**
 * A token bucket for non-call requests and a semaphore for calls. Tray rate-limits its catalog
 * and auth routes but only concurrency-limits the call endpoint, hence the two mechanisms.
 * Both queues are bounded (`maxQueue`), and a waiter leaves its queue as soon as its signal
 * aborts or its `timeoutMs` runs out, so a storm of abandoned requests leaves nothing behind.
 */
export class RateLimiter implements Limiter {
  readonly #limits: RateLimits
  readonly #now: () => number
  #tokens: number
  #refilledAt: number
  #queue: Array<() => void> = []
  #timer: ReturnType<typeof setTimeout> | undefined
  #calls = 0
  #callWaiters: Array<() => void> = []
  /** A moving average of how long a call holds its slot, for `retryAfterMs`. */
  #callHoldMs = ASSUMED_CALL_MS

  constructor(limits: RateLimits, now: () => number = () => performance.now()) {
    if (
      !(limits.requestsPerSecond > 0) ||
      !(limits.burst >= 1) ||
      !(limits.maxConcurrentCalls >= 1) ||
      !(limits.maxQueue >= 0)
    ) {
      throw new RangeError(
        'limits: requestsPerSecond must be > 0, burst and maxConcurrentCalls at least 1, maxQueue at least 0',
      )
    }
    this.#limits = limits
    this.#now = now
    this.#tokens = limits.burst
    this.#refilledAt = now()
  }

  /**
   * Waits for a request token (reads and writes other than calls). Rejects with
   * `TrayOverloadedError` when the queue is full, `LimiterWaitTimeout` after `timeoutMs` of
   * waiting, and the signal's reason when it aborts.
   */
  acquireRequest({ signal, timeoutMs }: LimiterAcquireOptions = {}): Promise<void> {
    this.#refill()
    if (this.#queue.length === 0 && this.#tokens >= 1) {
      this.#tokens -= 1
      return Promise.resolve()
    }
    if (this.#queue.length >= this.#limits.maxQueue) {
      // The head of the queue gets the next token: then there is room for one more.
      const nextTokenMs = ((1 - this.#tokens) / this.#limits.requestsPerSecond) * 1000
      return Promise.reject(
        overloaded('requests are waiting for a rate-limit slot', this.#limits, nextTokenMs),
      )
    }
    return this.#wait(this.#queue, signal, timeoutMs, () => this.#schedule())
  }

  /**
   * Waits for a call slot; the lease frees it. Rejects as `acquireRequest` does. In one process
   * a lease needs no expiry (a holder that dies takes the limiter with it), so `leaseMs` is unused.
   */
  async acquireCall({
    signal,
    timeoutMs,
  }: Partial<LimiterCallOptions> = {}): Promise<LimiterLease> {
    if (this.#calls >= this.#limits.maxConcurrentCalls) {
      if (this.#callWaiters.length >= this.#limits.maxQueue) {
        // Calls free their slots at about maxConcurrentCalls per hold time.
        const nextSlotMs = this.#callHoldMs / this.#limits.maxConcurrentCalls
        throw overloaded('calls are waiting for a concurrency slot', this.#limits, nextSlotMs)
      }
      await this.#wait(this.#callWaiters, signal, timeoutMs)
    } else {
      this.#calls += 1
    }
    const heldFrom = this.#now()
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        this.#callHoldMs = this.#callHoldMs * 0.9 + (this.#now() - heldFrom) * 0.1
        const next = this.#callWaiters.shift()
        // The slot passes straight to the next waiter, so the count stays as it is.
        if (next) next()
        else this.#calls -= 1
      },
    }
  }

  #wait(
    queue: Array<() => void>,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
    after?: () => void,
  ) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      let timer: ReturnType<typeof setTimeout> | undefined
      const leave = (reason: unknown) => {
        const at = queue.indexOf(grant)
        if (at >= 0) queue.splice(at, 1)
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        reject(reason)
      }
      const onAbort = () => leave(signal?.reason)
      const grant = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => leave(new LimiterWaitTimeout()), Math.max(0, timeoutMs))
      }
      queue.push(grant)
      after?.()
    })
  }
  #refill() {
    const now = this.#now()
    const earned = ((now - this.#refilledAt) / 1000) * this.#limits.requestsPerSecond
    this.#tokens = Math.min(this.#limits.burst, this.#tokens + earned)
    this.#refilledAt = now
  }

  #schedule() {
    if (this.#timer !== undefined) return
    const missing = 1 - this.#tokens
    const waitMs = Math.max(0, (missing / this.#limits.requestsPerSecond) * 1000)
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#refill()
      while (this.#tokens >= 1 && this.#queue.length > 0) {
        this.#tokens -= 1
        this.#queue.shift()?.()
      }
      if (this.#queue.length > 0) this.#schedule()
    }, waitMs)
  }
}

function overloaded(what: string, limits: RateLimits, estimateMs: number) {
  const retryAfterMs = Math.max(1, Math.ceil(estimateMs))
  return new TrayOverloadedError(
    `The client is overloaded: ${limits.maxQueue} ${what} (limits.maxQueue); nothing was sent. Retry in about ${retryAfterMs} ms`,
    { retryAfterMs },
  )
}

/**
 * An in-process `Limiter` keeping to `DEFAULT_CLIENT_LIMITS` (Tray's documented limits with a
 * margin on the burst), or to the ones given.
 */
export function createMemoryLimiter(limits: Partial<RateLimits> = {}): Limiter {
  return new RateLimiter({ ...DEFAULT_CLIENT_LIMITS, ...limits })
}
