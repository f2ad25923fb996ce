import { TrayError } from '../errors/tray-error'
import { type CacheStore, createMemoryStore } from './cache-store'
import type { CatalogCacheOptions } from './catalog-cache'
import type { TrayClientOptions } from './client-options'
import { isTrayRegion, TRAY_REGIONS } from './regions'

// Option checks of createTrayClient: a wrong option fails at creation with a clear message,
// never at the first request.

/** The token, or undefined; refuses one that would break or inject a header. */
export function checkToken(token: unknown): string | undefined {
  if (token === undefined) return undefined
  // The token goes into a header: refuse what would break or inject one, without echoing it.
  if (typeof token !== 'string' || token.trim() === '' || /[\s\r\n]/.test(token)) {
    throw new TrayError('token must be a non-empty string without spaces or line breaks')
  }
  return token
}

/** The server's origin and prefix, without a trailing slash, from `baseUrl` or `region`. */
export function resolveBaseUrl(options: TrayClientOptions): string {
  if (options.baseUrl !== undefined) {
    let url: URL
    try {
      url = new URL(options.baseUrl)
    } catch {
      throw new TrayError(`baseUrl is not a URL: ${JSON.stringify(options.baseUrl)}`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TrayError(`baseUrl must be http or https, got ${url.protocol}`)
    }
    if (url.username || url.password || url.search || url.hash) {
      throw new TrayError('baseUrl must be an origin and an optional path prefix only')
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
  }
  const region = options.region ?? 'us'
  if (!isTrayRegion(region)) {
    throw new TrayError(
      `region must be one of ${Object.keys(TRAY_REGIONS).join(', ')}, got ${JSON.stringify(region)}`,
    )
  }
  return TRAY_REGIONS[region]
}

/** A finite number of at least `min`. */
export function checkNumber(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TrayError(`${name} must be a number of at least ${min}, got ${JSON.stringify(value)}`)
  }
  return value
}

/** The cache options with a store, or undefined when caching is off. */
export function resolveCacheOptions(
  cache: TrayClientOptions['cache'],
): (CatalogCacheOptions & { store: CacheStore }) | undefined {
  if (cache === false) return undefined
  if (cache && typeof (cache as CacheStore).get === 'function')
    return { store: cache as CacheStore }
  const options = (cache ?? {}) as CatalogCacheOptions
  return { ...options, store: options.store ?? createMemoryStore() }
}

/** A one-way 53-bit hash (cyrb53), enough to tell tokens apart in cache keys. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}
