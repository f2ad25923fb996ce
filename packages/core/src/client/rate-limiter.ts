import { TrayOverloadedError } from '../errors/tray-overloaded-error'
import {
  type Limiter,
  type LimiterAcquireOptions,
  type LimiterCallOptions,
  type LimiterLease,
  LimiterWaitTimeout,
} from '../limiter/limiter'
import type { LimiterState } from './_limiter-queue'
import { loadOnce } from './_load-once'

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

// Waiting (the queues, their bounds, aborts, timeouts and the refill timer) is only needed once
// a client asks faster than its limits: it loads then, through import(), and stays out of a
// page's first download. The state both halves share is a plain object, `LimiterState`.
const loadQueue = loadOnce(() => import('./_limiter-queue'))

/**
 * A token bucket for non-call requests and a semaphore for calls. Tray rate-limits its catalog
 * and auth routes but only concurrency-limits the call endpoint, hence the two mechanisms.
 * Both queues are bounded (`maxQueue`), and a waiter leaves its queue as soon as its signal
 * aborts or its `timeoutMs` runs out, so a storm of abandoned requests leaves nothing behind.
 */
export class RateLimiter implements Limiter {
  readonly #s: LimiterState

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
    let refilledAt = now()
    const s: LimiterState = {
      limits,
      now,
      tokens: limits.burst,
      refill() {
        const at = now()
        s.tokens = Math.min(
          limits.burst,
          s.tokens + ((at - refilledAt) / 1000) * limits.requestsPerSecond,
        )
        refilledAt = at
      },
      queue: [],
      timer: undefined,
      calls: 0,
      callWaiters: [],
      callHoldMs: ASSUMED_CALL_MS,
      Overloaded: TrayOverloadedError,
      WaitTimeout: LimiterWaitTimeout,
    }
    this.#s = s
  }

  /**
   * Waits for a request token (reads and writes other than calls). Rejects with
   * `TrayOverloadedError` when the queue is full, `LimiterWaitTimeout` after `timeoutMs` of
   * waiting, and the signal's reason when it aborts.
   */
  acquireRequest({ signal, timeoutMs }: LimiterAcquireOptions = {}): Promise<void> {
    const s = this.#s
    s.refill()
    if (s.queue.length === 0 && s.tokens >= 1) {
      s.tokens -= 1
      return Promise.resolve()
    }
    return loadQueue().then((q) => q.waitForToken(s, signal, timeoutMs))
  }

  /**
   * Waits for a call slot; the lease frees it. Rejects as `acquireRequest` does. In one process
   * a lease needs no expiry (a holder that dies takes the limiter with it), so `leaseMs` is unused.
   */
  async acquireCall({
    signal,
    timeoutMs,
  }: Partial<LimiterCallOptions> = {}): Promise<LimiterLease> {
    const s = this.#s
    // Waiters exist only while every slot is taken: a free slot is nobody's turn.
    if (s.calls < s.limits.maxConcurrentCalls) s.calls += 1
    else await (await loadQueue()).waitForSlot(s, signal, timeoutMs)
    const heldFrom = s.now()
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        s.callHoldMs = s.callHoldMs * 0.9 + (s.now() - heldFrom) * 0.1
        const next = s.callWaiters.shift()
        // The slot passes straight to the next waiter, so the count stays as it is.
        if (next) next()
        else s.calls -= 1
      },
    }
  }
}

/**
 * An in-process `Limiter` keeping to `DEFAULT_CLIENT_LIMITS` (Tray's documented limits with a
 * margin on the burst), or to the ones given.
 */
export function createMemoryLimiter(limits: Partial<RateLimits> = {}): Limiter {
  return new RateLimiter({ ...DEFAULT_CLIENT_LIMITS, ...limits })
}
