// The waiting half of the in-memory limiter (rate-limiter.ts): its queues, their bounds, a
// waiter's abort and timeout, and the timer that hands out tokens as they refill. Loaded through
// `import()` the first time a request must wait, so a page that never outpaces its limits never
// downloads it. It imports nothing but types and the import-free waitInQueue: the error classes
// come with the state, so that no
// module is code both it and the first download reach (a bundler would put such code in a file
// of its own, which the page loads at once).
import type { TrayOverloadedError } from '../errors/tray-overloaded-error'
import { waitInQueue } from '../limiter/_wait-in-queue'
import type { LimiterWaitTimeout } from '../limiter/limiter'
import type { RateLimits } from './rate-limiter'

/** The in-memory limiter's state, which both halves work on. */
export interface LimiterState {
  readonly limits: RateLimits
  now(): number
  /** Request tokens now; `refill` adds what the time since the last refill earned. */
  tokens: number
  refill(): void
  /** Requests waiting for a token, in order. */
  queue: Array<() => void>
  /** The refill timer, while requests wait. */
  timer: ReturnType<typeof setTimeout> | undefined
  calls: number
  /** Calls waiting for a slot, in order. */
  callWaiters: Array<() => void>
  /** A moving average of how long a call holds its slot, for `retryAfterMs`. */
  callHoldMs: number
  Overloaded: typeof TrayOverloadedError
  WaitTimeout: typeof LimiterWaitTimeout
}

/** Waits for a request token in the queue, or refuses at once when the queue is full. */
export function waitForToken(
  s: LimiterState,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): Promise<void> {
  // A token may have come while this module loaded.
  s.refill()
  if (s.queue.length === 0 && s.tokens >= 1) {
    s.tokens -= 1
    return Promise.resolve()
  }
  if (s.queue.length >= s.limits.maxQueue) {
    // The head of the queue gets the next token: then there is room for one more.
    const nextTokenMs = ((1 - s.tokens) / s.limits.requestsPerSecond) * 1000
    return Promise.reject(overloaded('requests are waiting for a rate-limit slot', s, nextTokenMs))
  }
  return wait(s, s.queue, signal, timeoutMs, () => schedule(s))
}

/** Waits for a call slot in the queue, or refuses at once when the queue is full. */
export async function waitForSlot(
  s: LimiterState,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): Promise<void> {
  // A slot may have freed while this module loaded.
  if (s.calls < s.limits.maxConcurrentCalls) {
    s.calls += 1
    return
  }
  if (s.callWaiters.length >= s.limits.maxQueue) {
    // Calls free their slots at about maxConcurrentCalls per hold time.
    const nextSlotMs = s.callHoldMs / s.limits.maxConcurrentCalls
    throw overloaded('calls are waiting for a concurrency slot', s, nextSlotMs)
  }
  await wait(s, s.callWaiters, signal, timeoutMs)
}

function wait(
  s: LimiterState,
  queue: Array<() => void>,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
  after?: () => void,
) {
  return waitInQueue(queue, signal, timeoutMs, () => new s.WaitTimeout(), after)
}

/** Hands out tokens to the queue as they refill, while anyone waits. */
function schedule(s: LimiterState): void {
  if (s.timer !== undefined) return
  const missing = 1 - s.tokens
  const waitMs = Math.max(0, (missing / s.limits.requestsPerSecond) * 1000)
  s.timer = setTimeout(() => {
    s.timer = undefined
    s.refill()
    while (s.tokens >= 1 && s.queue.length > 0) {
      s.tokens -= 1
      s.queue.shift()?.()
    }
    if (s.queue.length > 0) schedule(s)
  }, waitMs)
}

function overloaded(what: string, s: LimiterState, estimateMs: number) {
  const retryAfterMs = Math.max(1, Math.ceil(estimateMs))
  return new s.Overloaded(
    `The client is overloaded: ${s.limits.maxQueue} ${what} (limits.maxQueue); nothing was sent. Retry in about ${retryAfterMs} ms`,
    { retryAfterMs },
  )
}
