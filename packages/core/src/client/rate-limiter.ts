/** Limits a client keeps to, so bulk use does not provoke 429s. */
export interface RateLimits {
  /** Sustained requests per second on non-call routes. Tray: 30. */
  requestsPerSecond: number
  /** Requests that may go at once after a quiet spell. Tray: 50. */
  burst: number
  /** Calls in flight at once. Tray: 1000. */
  maxConcurrentCalls: number
}

/** Tray's documented limits (Tray docs: rateLimiting). */
export const TRAY_RATE_LIMITS: RateLimits = {
  requestsPerSecond: 30,
  burst: 50,
  maxConcurrentCalls: 1000,
}

/** Gives up the slot a request held. */
export type Release = () => void

/**
 * A token bucket for non-call requests and a semaphore for calls. Tray rate-limits its catalog
 * and auth routes but only concurrency-limits the call endpoint, hence the two mechanisms.
 */
export class RateLimiter {
  readonly #limits: RateLimits
  readonly #now: () => number
  #tokens: number
  #refilledAt: number
  #queue: Array<() => void> = []
  #timer: ReturnType<typeof setTimeout> | undefined
  #calls = 0
  #callWaiters: Array<() => void> = []

  constructor(limits: RateLimits, now: () => number = () => performance.now()) {
    if (
      !(limits.requestsPerSecond > 0) ||
      !(limits.burst >= 1) ||
      !(limits.maxConcurrentCalls >= 1)
    ) {
      throw new RangeError(
        'limits: requestsPerSecond must be > 0, burst and maxConcurrentCalls at least 1',
      )
    }
    this.#limits = limits
    this.#now = now
    this.#tokens = limits.burst
    this.#refilledAt = now()
  }

  /** Waits for a request token (reads and writes other than calls). */
  acquireRequest(signal?: AbortSignal): Promise<void> {
    this.#refill()
    if (this.#queue.length === 0 && this.#tokens >= 1) {
      this.#tokens -= 1
      return Promise.resolve()
    }
    return this.#wait(this.#queue, signal, () => this.#schedule())
  }

  /** Waits for a call slot; the returned function frees it. */
  async acquireCall(signal?: AbortSignal): Promise<Release> {
    if (this.#calls >= this.#limits.maxConcurrentCalls) {
      await this.#wait(this.#callWaiters, signal)
    } else {
      this.#calls += 1
    }
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.#callWaiters.shift()
      // The slot passes straight to the next waiter, so the count stays as it is.
      if (next) next()
      else this.#calls -= 1
    }
  }

  #wait(queue: Array<() => void>, signal: AbortSignal | undefined, after?: () => void) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const onAbort = () => {
        const at = queue.indexOf(grant)
        if (at >= 0) queue.splice(at, 1)
        reject(signal?.reason)
      }
      const grant = () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
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
