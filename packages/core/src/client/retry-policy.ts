/** Why an attempt failed, as far as retrying is concerned. */
export type FailureKind =
  /** 429: Tray refused the request before running it. */
  | 'rate-limited'
  /** The connection failed before the request was sent (refused, DNS): it did not run. */
  | 'not-sent'
  /** 5xx: Tray may or may not have run it. */
  | 'server-error'
  /** No answer in time: it may have run. */
  | 'timeout'
  /** The connection broke after sending (reset, unknown network failure): it may have run. */
  | 'network'

/**
 * The retry rule, the product's promise: a request that may have run is repeated only when
 * repeating is safe. Reads (GET) are safe. A call, or any other write, is repeated only when it
 * provably did not run, unless the caller declared it idempotent for this one request.
 */
export function isRetryable(kind: FailureKind, safe: boolean): boolean {
  if (kind === 'rate-limited' || kind === 'not-sent') return true
  return safe
}

/** Backoff settings; the defaults follow Tray's advice of exponential backoff with randomness. */
export interface BackoffOptions {
  /** First delay, in ms. */
  initialDelayMs: number
  /** Largest computed delay, in ms. */
  maxDelayMs: number
  /** Largest `Retry-After` honoured, in ms; a longer one ends the retries. */
  maxRetryAfterMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
}

/**
 * The wait before retry number `retry` (0 for the first retry): the server's `Retry-After` when
 * given and within the cap, else exponential backoff with jitter (half fixed, half random, so
 * concurrent clients spread out). `undefined` means: do not retry, the server asked for longer
 * than the cap.
 */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined) {
    return retryAfterMs <= options.maxRetryAfterMs ? retryAfterMs : undefined
  }
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** retry)
  return ceiling / 2 + random() * (ceiling / 2)
}
