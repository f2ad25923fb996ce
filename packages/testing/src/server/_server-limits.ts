import { type RateLimits, TRAY_RATE_LIMITS } from '@traykit/core'

/**
 * Tray's limits, enforced: a token bucket for non-call routes and a count of calls in flight.
 * Unlike the client's limiter, which waits for a slot, the server refuses (429) at once.
 */
export class ServerLimits {
  readonly #limits: RateLimits
  #tokens: number
  #refilledAt: number
  #callsInFlight = 0

  constructor(limits: RateLimits) {
    this.#limits = limits
    this.#tokens = limits.burst
    this.#refilledAt = Date.now()
  }

  /** Takes a request token; false when the bucket is empty. */
  takeRequest(): boolean {
    const now = Date.now()
    const earned = ((now - this.#refilledAt) / 1000) * this.#limits.requestsPerSecond
    this.#tokens = Math.min(this.#limits.burst, this.#tokens + earned)
    this.#refilledAt = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }

  /** Enters a call; false when the concurrency limit is reached. */
  enterCall(): boolean {
    if (this.#callsInFlight >= this.#limits.maxConcurrentCalls) return false
    this.#callsInFlight += 1
    return true
  }

  leaveCall(): void {
    this.#callsInFlight -= 1
  }
}

/** Reads the `limits` option: `true` for Tray's documented limits, numbers to override some. */
export function resolveLimits(
  option: boolean | Partial<RateLimits> | undefined,
): RateLimits | undefined {
  if (option === undefined || option === false) return undefined
  const limits = option === true ? TRAY_RATE_LIMITS : { ...TRAY_RATE_LIMITS, ...option }
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !(value > 0)) {
      throw new RangeError(`limits.${name} must be a number above 0, got ${String(value)}`)
    }
  }
  return limits
}
