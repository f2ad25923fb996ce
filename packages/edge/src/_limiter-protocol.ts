import type { RateLimits } from '@traykit/core'

/** What `durableObjectLimiter` asks `TrayLimiter`, as the JSON body of a POST. */
export type LimiterAsk =
  | { op: 'request'; id: string; timeoutMs?: number | undefined; limits: RateLimits }
  | { op: 'call'; id: string; timeoutMs?: number | undefined; leaseMs: number; limits: RateLimits }
  /** Gives a call slot back, or takes a waiter out of its queue: its caller left. */
  | { op: 'release'; id: string }

/** The Durable Object's answer. */
export type LimiterAnswer =
  | { result: 'granted' }
  | { result: 'timeout' }
  | { result: 'overloaded'; retryAfterMs: number }
  | { result: 'released' }
