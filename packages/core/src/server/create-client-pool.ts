import type { CacheStore } from '../client/cache-store'
import { createMemoryStore } from '../client/cache-store'
import type { CatalogCacheOptions } from '../client/catalog-cache'
import { createTrayClient } from '../client/create-tray-client'
import type { TrayClient } from '../client/tray-client'
import { TrayError } from '../errors/tray-error'
import type { Limiter } from '../limiter/limiter'
import type { GatewayClientOptions } from './gateway-options'
import { createJsonRedactor, type JsonRedactor } from './json-redactor'
import { redactError } from './redact-error'

/** Clients kept for per-request tokens (user tokens), so each keeps its limiter and in-flight reads. */
const MAX_CLIENTS = 100

/** Options of `createClientPool`: a gateway's client options, and how it names itself. */
export interface ClientPoolOptions<C> extends GatewayClientOptions<C> {
  /** The `user-agent` prefix of upstream requests (`traykit-edge`). */
  userAgent?: string | undefined
  /** Names the caller in messages (`createTrayHandler: the token function returned no token`). */
  name?: string | undefined
}

/** A token's client and the redactor of that token, for everything answered or logged about it. */
export interface PooledClient {
  client: TrayClient
  /** Core's redactor of the upstream token, which also redacts whole JSON texts. */
  redact: JsonRedactor
}

/** The per-token client pool of a gateway. */
export interface ClientPool<C> {
  /**
   * The client of the caller `ctx`'s token, made on first use and kept (least recently used
   * first out beyond 100 tokens). Throws `TrayError` when the token function gives no token.
   */
  clientFor(ctx: C): Promise<PooledClient>
}

/**
 * Makes a gateway's pool of core clients, one per upstream token. They share one catalog store,
 * whose keys core scopes by token, so a per-user token never sees another's entries. A fixed
 * token's client is made at once, so a malformed token fails at startup, not on a request.
 */
export function createClientPool<C>(options: ClientPoolOptions<C>): ClientPool<C> {
  const cache = sharedCache(options.cache)
  const clients = new Map<string, { pooled: PooledClient; limiter: Limiter | undefined }>()
  const { limiter: limiterOption, token: tokenSource } = options
  const prefix = options.name ? `${options.name}: ` : ''

  function entryFor(token: string, ctx: C | undefined): PooledClient {
    const limiter =
      typeof limiterOption === 'function'
        ? ctx === undefined
          ? undefined
          : limiterOption(ctx)
        : limiterOption
    let entry = clients.get(token)
    // Re-inserting keeps the Map in least-recently-used order.
    if (entry) clients.delete(token)
    // A per-request limiter is one object per binding (durableObjectLimiter keeps them), so a
    // client is made again only when the request's env names another.
    if (!entry || (limiter !== undefined && entry.limiter !== limiter)) {
      const redact = entry?.pooled.redact ?? createJsonRedactor(token)
      let client: TrayClient
      try {
        client = createTrayClient({
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
          userAgent: options.userAgent,
        })
      } catch (error) {
        // An option error may quote what it was given: never the token.
        throw redactError(error, redact)
      }
      entry = { pooled: { client, redact }, limiter }
      if (clients.size >= MAX_CLIENTS) {
        const oldest = clients.keys().next().value
        if (oldest !== undefined) clients.delete(oldest)
      }
    }
    clients.set(token, entry)
    return entry.pooled
  }

  if (typeof tokenSource === 'string') entryFor(tokenSource, undefined)

  return {
    async clientFor(ctx) {
      const token = typeof tokenSource === 'string' ? tokenSource : await tokenSource(ctx)
      if (typeof token !== 'string' || token === '') {
        throw new TrayError(`${prefix}the token function returned no token`)
      }
      return entryFor(token, ctx)
    },
  }
}

/** The pool's cache as core takes it, with one memory store for all clients when none is given. */
function sharedCache(
  cache: CacheStore | CatalogCacheOptions | false | undefined,
): CacheStore | CatalogCacheOptions | false {
  if (cache === false) return false
  if (cache && typeof (cache as CacheStore).get === 'function') return cache as CacheStore
  const options = (cache ?? {}) as CatalogCacheOptions
  return { ...options, store: options.store ?? createMemoryStore() }
}
