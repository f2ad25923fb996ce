import type { Limiter } from '../limiter/limiter'
import type { ClientHooks } from './_transport'
import type { CacheStore } from './cache-store'
import type { CatalogCacheOptions } from './catalog-cache'
import type { RateLimits } from './rate-limiter'
import type { TrayRegion } from './regions'

/** Options of `createTrayClient`. */
export interface TrayClientOptions {
  /**
   * A master token or a user token. `null` when `baseUrl` is a server that holds it (an edge
   * handler); leaving it out is allowed with a `baseUrl` only. An explicit `undefined` (an unset
   * environment variable) throws at once.
   */
  token?: string | null | undefined
  /** Tray region, `'us'` by default. Ignored when `baseUrl` is set. */
  region?: TrayRegion | undefined
  /** Another server speaking Tray's protocol: an edge handler, the mock, a proxy (origin + optional prefix). */
  baseUrl?: string | undefined
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch | undefined
  /** Milliseconds per attempt, including reading the body. Default 30 000. */
  timeout?: number | undefined
  /** Retries after a retryable failure (see the retry rule). Default 2. */
  maxRetries?: number | undefined
  /**
   * Bytes of an answer's body read at most; a larger one is let go unread and throws
   * `TrayResponseTooLargeError`. Default 16 MiB (16 777 216).
   */
  maxResponseBytes?: number | undefined
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined
  /** Prefix for the `user-agent` header, such as `my-app/1.2`. */
  userAgent?: string | undefined
  /** Catalog cache: a store, options, or `false` to read through every time. */
  cache?: CacheStore | CatalogCacheOptions | false | undefined
  /**
   * Client-side limits of the built-in in-memory limiter; Tray's documented ones by default,
   * `false` for none. Not together with `limiter`.
   */
  limits?: Partial<RateLimits> | false | undefined
  /**
   * A limiter to share with other clients, processes or isolates of the same Tray account (a
   * Redis or Durable Object limiter, or one `createMemoryLimiter()` for several clients).
   * Default: an in-memory limiter of this client's own, with `limits`.
   */
  limiter?: Limiter | undefined
  /** Observers of requests, responses and retries (no headers, no token). */
  hooks?: ClientHooks | undefined
}

/** Per-request options. */
export interface RequestOptions {
  /** Cancels the request (and any wait for a retry or a rate-limit slot). */
  signal?: AbortSignal | undefined
}

/** Options of `callConnector`. */
export interface CallOptions extends RequestOptions {
  /** Check the input against the operation's schema before sending. Default true. */
  validate?: boolean | undefined
  /** Throw `TrayConnectorError` on outcome "error". Default true. */
  throwOnError?: boolean | undefined
  /**
   * Declare this call safe to run twice (a read-only or DDL operation), so it may be retried
   * after a 5xx, a timeout or a broken connection. Default false: such a call is never repeated.
   * Each retry may bill a task. `resolveLookup`, which only runs DDLs, sets it by default.
   */
  idempotent?: boolean | undefined
}
