import {
  type CacheStore,
  type CatalogCacheOptions,
  createMemoryStore,
  createTrayClient,
  type TrayClient,
} from '@traykit/core'
import type { Env } from 'hono'
import type { TrayHandlerOptions } from './handler-options'

/** Clients kept for per-request tokens (user tokens), so each keeps its limiter and in-flight reads. */
const MAX_CLIENTS = 100

/**
 * One core client per upstream token, created on first use. All of them share one catalog
 * store, whose keys core scopes by token, so a per-user token never sees another's entries.
 */
export function createClientPool<E extends Env>(options: TrayHandlerOptions<E>) {
  const cache = sharedCache(options.cache)
  const clients = new Map<string, TrayClient>()

  return function clientFor(token: string): TrayClient {
    let client = clients.get(token)
    if (client) {
      // Re-inserting keeps the Map in least-recently-used order.
      clients.delete(token)
    } else {
      client = createTrayClient({
        token,
        region: options.region,
        baseUrl: options.baseUrl,
        fetch: options.fetch,
        timeout: options.timeout,
        maxRetries: options.maxRetries,
        maxResponseBytes: options.maxResponseBytes,
        limits: options.limits,
        cache,
        userAgent: 'traykit-edge',
      })
      if (clients.size >= MAX_CLIENTS) {
        const oldest = clients.keys().next().value
        if (oldest !== undefined) clients.delete(oldest)
      }
    }
    clients.set(token, client)
    return client
  }
}

/** The handler's cache as core takes it, with one memory store for all clients when none is given. */
function sharedCache(cache: TrayHandlerOptions['cache']): CacheStore | CatalogCacheOptions | false {
  if (cache === false) return false
  if (cache && typeof (cache as CacheStore).get === 'function') return cache as CacheStore
  const options = (cache ?? {}) as CatalogCacheOptions
  return { ...options, store: options.store ?? createMemoryStore() }
}
