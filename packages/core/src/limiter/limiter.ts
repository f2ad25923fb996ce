/**
 * What a client asks before each request, so that every client sharing one Tray account keeps
 * to the account's limits together. The in-memory limiter (`createMemoryLimiter`) is the
 * default; a distributed one (Redis, a Durable Object) shares one budget across processes and
 * isolates.
 *
 * Rules for an implementation:
 * - `acquireRequest` resolves when one non-call request may go (Tray rate-limits every route
 *   but the call endpoint: 30 requests/s, burst 50).
 * - `acquireCall` resolves with a lease on one call slot (Tray: 1000 concurrent calls). The slot
 *   returns when the lease is released, or when `leaseMs` has passed without a release, so a
 *   holder that dies mid-call never keeps a slot for good.
 * - Both reject with `TrayOverloadedError` (with `retryAfterMs`) when the request may not wait,
 *   with `LimiterWaitTimeout` once `timeoutMs` has passed, and with the signal's reason when it
 *   aborts. A limiter that cannot reach its store must reject calls (fail closed: nothing sent,
 *   nothing billed); what it does for reads is its own documented choice.
 */
export interface Limiter {
  /** Waits until one non-call request may be sent. */
  acquireRequest(options: LimiterAcquireOptions): Promise<void>
  /** Waits for a call slot; the lease gives it back. */
  acquireCall(options: LimiterCallOptions): Promise<LimiterLease>
}

/** How long a request may wait for its turn, and what cancels the wait. */
export interface LimiterAcquireOptions {
  signal?: AbortSignal | undefined
  /** Milliseconds of waiting at most; then `LimiterWaitTimeout`. None: wait as long as needed. */
  timeoutMs?: number | undefined
}

/** A call's wait, and how long its slot may be held without a release. */
export interface LimiterCallOptions extends LimiterAcquireOptions {
  /** Past this, the slot returns to the pool even if never released (the holder died). */
  leaseMs: number
}

/** A held call slot. */
export interface LimiterLease {
  /** Gives the slot back. Safe to call more than once; a failure is the store's to absorb. */
  release(): void | Promise<void>
}

/** A wait for a limiter slot ran past its `timeoutMs`; the request left the queue, unsent. */
export class LimiterWaitTimeout extends Error {
  override readonly name = 'LimiterWaitTimeout'
  constructor() {
    super('timed out waiting for a rate-limit slot')
  }
}
