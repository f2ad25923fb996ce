import { clip } from '../_clip'
import { TrayError } from '../errors/tray-error'
import type { Limiter } from '../limiter/limiter'
import { suggest } from '../suggest'
import type { ClientHooks } from './_transport'
import { type CacheStore, createMemoryStore } from './cache-store'
import type { CatalogCacheOptions } from './catalog-cache'
import type { TrayClientOptions } from './client-options'
import { createMemoryLimiter, type RateLimits } from './rate-limiter'
import { isTrayRegion, TRAY_REGIONS } from './regions'

// Option checks of createTrayClient: a wrong option fails at creation with a clear message,
// never at the first request.

/**
 * The names `createTrayClient` knows, option by option. Typed against the option interfaces, so
 * an option added there and not here (or here and not there) fails to compile. Extra names in
 * the unions are those another change adds to the interfaces.
 */
const CLIENT_OPTIONS: Record<keyof TrayClientOptions | 'maxResponseBytes', true> = {
  token: true,
  region: true,
  baseUrl: true,
  fetch: true,
  timeout: true,
  maxRetries: true,
  maxResponseBytes: true,
  headers: true,
  userAgent: true,
  cache: true,
  limits: true,
  limiter: true,
  hooks: true,
}
const LIMIT_OPTIONS: Record<keyof RateLimits | 'maxQueue', true> = {
  requestsPerSecond: true,
  burst: true,
  maxConcurrentCalls: true,
  maxQueue: true,
}
const CACHE_OPTIONS: Record<keyof CatalogCacheOptions | 'notFoundTtlMs', true> = {
  store: true,
  connectorsTtlMs: true,
  operationsTtlMs: true,
  notFoundTtlMs: true,
}
const HOOK_OPTIONS: Record<keyof ClientHooks, true> = {
  onRequest: true,
  onResponse: true,
  onRetry: true,
}

/**
 * Refuses option names the client does not know, with a "did you mean": a misspelt option
 * (`tiemout`) would otherwise be ignored silently, as `createTrayHandler` refuses one too.
 */
export function checkOptionNames(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TrayError('createTrayClient: options must be an object such as { token }')
  }
  const record = options as Record<string, unknown>
  checkNames(record, CLIENT_OPTIONS, '')
  const { limits, cache, hooks } = record
  if (isPlainObject(limits)) checkNames(limits, LIMIT_OPTIONS, 'limits.')
  // A store (`get`/`set`) is an object of its own: only options objects are checked.
  if (isPlainObject(cache) && typeof cache.get !== 'function') {
    checkNames(cache, CACHE_OPTIONS, 'cache.')
  }
  if (isPlainObject(hooks)) checkNames(hooks, HOOK_OPTIONS, 'hooks.')
}

function checkNames(options: object, known: Record<string, true>, prefix: string): void {
  const names = Object.keys(known)
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(known, key)) continue
    const near = suggest(key, names)
    throw new TrayError(
      `createTrayClient: unknown option "${prefix}${clip(key, 60)}"` +
        (near ? ` (did you mean "${prefix}${near}"?)` : '') +
        `; the ${prefix ? `${prefix.slice(0, -1)} ` : ''}options are ${names.join(', ')}`,
    )
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The token, or undefined for none. `token: undefined` given explicitly is refused (an unset
 * environment variable, the most common mistake); `token: null` says no token is needed, as a
 * server in front holds it; no `token` key at all is allowed only with a `baseUrl`, since Tray
 * itself answers 401 to every request without one. Never echoes the value.
 */
export function checkToken(
  options: TrayClientOptions,
  baseUrl: string | undefined,
): string | undefined {
  const { token } = options
  if (token === null) return undefined
  if (token === undefined) {
    if (Object.hasOwn(options, 'token')) {
      throw new TrayError(
        'createTrayClient: token is undefined (an unset environment variable such as TRAY_TOKEN?). ' +
          'Pass the Tray token as a string, or token: null when baseUrl is a server that holds it.',
      )
    }
    if (baseUrl === undefined) {
      throw new TrayError(
        'createTrayClient: a token is required to talk to Tray: pass { token } (a master or user token), ' +
          'or a baseUrl with token: null for a server that holds the token (an @traykit/edge handler).',
      )
    }
    return undefined
  }
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

/** The limiter to use: the one given, the built-in one with `limits`, or none. */
export function resolveLimiter(options: TrayClientOptions): Limiter | undefined {
  const { limiter, limits } = options
  if (limiter === undefined) {
    return limits === false ? undefined : createMemoryLimiter(limits)
  }
  if (limits !== undefined) {
    throw new TrayError(
      'createTrayClient: give either limiter or limits, not both (limits configure the built-in limiter; pass them to the limiter you create instead)',
    )
  }
  if (
    typeof limiter !== 'object' ||
    limiter === null ||
    typeof limiter.acquireRequest !== 'function' ||
    typeof limiter.acquireCall !== 'function'
  ) {
    throw new TrayError(
      'createTrayClient: limiter must be a Limiter (acquireRequest and acquireCall), such as createMemoryLimiter()',
    )
  }
  return limiter
}
