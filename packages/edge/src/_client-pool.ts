import {
  type CacheStore,
  type CatalogCacheOptions,
  createMemoryStore,
  createTrayClient,
  type Limiter,
  type TrayClient,
} from '@traykit/core'
import type { Context, Env } from 'hono'
import type { TrayHandlerOptions } from './handler-options'

/** Clients kept for per-request tokens (user tokens), so each keeps its limiter and in-flight reads. */
const MAX_CLIENTS = 100

/**
 * One core client per upstream token, created on first use. All of them share one catalog
 * store, whose keys core scopes by token, so a per-user token never sees another's entries.
 */
export function createClientPool<E extends Env>(options: TrayHandlerOptions<E>) {
  const cache = sharedCache(options.cache)
  const clients = new Map<string, { client: TrayClient; limiter: Limiter | undefined }>()
  const { limiter: limiterOption } = options

  /** The client of `token`, on the limiter for the request `c` (none given: the built-in one). */
  return function clientFor(token: string, c?: Context<E>): TrayClient {
    const limiter =
      typeof limiterOption === 'function'
        ? c === undefined
          ? undefined
          : limiterOption(c)
        : limiterOption
    let entry = clients.get(token)
    if (entry) {
      // Re-inserting keeps the Map in least-recently-used order.
      clients.delete(token)
    }
    // A per-request limiter is one object per binding (durableObjectLimiter keeps them), so a
    // client is made again only when the request's env names another.
    if (!entry || (limiter !== undefined && entry.limiter !== limiter)) {
      const client = createTrayClient({
        token,
        region: options.region,
        baseUrl: options.baseUrl,
        fetch: options.fetch,
        timeout: options.timeout,
        maxRetries: options.maxRetries,
        maxResponseBytes: options.maxResponseBytes,
        limits: limiter === undefined ? options.limits : undefined,
        limiter,
        cache,
        userAgent: 'traykit-edge',
      })
      entry = { client, limiter }
      if (clients.size >= MAX_CLIENTS) {
        const oldest = clients.keys().next().value
        if (oldest !== undefined) clients.delete(oldest)
      }
    }
    clients.set(token, entry)
    return entry.client
  }
}

/** The handler's cache as core takes it, with one memory store for all clients when none is given. */
function sharedCache(cache: TrayHandlerOptions['cache']): CacheStore | CatalogCacheOptions | false {
  if (cache === false) return false
  if (cache && typeof (cache as CacheStore).get === 'function') return cache as CacheStore
  const options = (cache ?? {}) as CatalogCacheOptions
  return { ...options, store: options.store ?? createMemoryStore() }
}
