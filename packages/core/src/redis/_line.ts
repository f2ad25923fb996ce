import { waitInQueue } from '../limiter/_wait-in-queue'
import { LimiterWaitTimeout } from '../limiter/limiter'

/** What one try at the shared store gave: the thing asked for, or a wait before the next try. */
export type TryResult<T> = { granted: T } | { retryInMs: number }

/** A FIFO lock taken in turn; a waiter leaves when its signal aborts or its deadline passes. */
class TurnLock {
  #held = false
  #waiters: Array<() => void> = []

  get queued(): number {
    return this.#waiters.length
  }

  get held(): boolean {
    return this.#held
  }

  take(signal: AbortSignal | undefined, deadline: number): Promise<void> {
    if (!this.#held) {
      this.#held = true
      return Promise.resolve()
    }
    return waitInQueue(
      this.#waiters,
      signal,
      deadline === Number.POSITIVE_INFINITY ? undefined : deadline - performance.now(),
      () => new LimiterWaitTimeout(),
    )
  }

  give(): void {
    const next = this.#waiters.shift()
    // The lock passes straight to the next waiter, so it stays held.
    if (next) next()
    else this.#held = false
  }
}

/**
 * One process's line for one shared resource (request tokens, or call slots). Only the waiter
 * at its head asks the store, the others wait their turn here: the store sees one try at a time
 * per process however many requests wait, and a process serves its own waiters in order.
 */
export class Line {
  readonly #lock = new TurnLock()

  /** Requests waiting behind the one at the head. */
  get queued(): number {
    return this.#lock.queued
  }

  /** True when a request is at the head, so a newcomer would have to queue. */
  get busy(): boolean {
    return this.#lock.held
  }

  /**
   * Tries `attempt` at the head of the line until it grants, its retry hints spaced by `backoff`.
   * Rejects with `LimiterWaitTimeout` past `timeoutMs`, the signal's reason on abort, and
   * whatever `attempt` throws. A grant that comes back after the caller left is handed to
   * `unused` (a call slot is given back at once).
   */
  async wait<T>(
    attempt: () => Promise<TryResult<T>>,
    options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined },
    unused: (granted: T) => void = () => {},
  ): Promise<T> {
    const { signal, timeoutMs } = options
    if (signal?.aborted) throw signal.reason
    const deadline =
      timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs
    await this.#lock.take(signal, deadline)
    try {
      for (;;) {
        const result = await attempt()
        if ('granted' in result) {
          if (signal?.aborted) {
            unused(result.granted)
            throw signal.reason
          }
          return result.granted
        }
        const left = deadline - performance.now()
        if (left <= 0) throw new LimiterWaitTimeout()
        await sleep(Math.min(result.retryInMs, left), signal)
      }
    } finally {
      this.#lock.give()
    }
  }
}

/** Waits `ms`; rejects with the signal's reason when it aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
