import { clip } from '../_clip'
import type { CacheStore } from '../client/cache-store'
import type { CatalogCacheOptions } from '../client/catalog-cache'
import { createTrayClient } from '../client/create-tray-client'
import type { RateLimits } from '../client/rate-limiter'
import type { TrayRegion } from '../client/regions'
import { TrayError } from '../errors/tray-error'
import type { Limiter } from '../limiter/limiter'
import { suggest } from '../suggest'
import type { AllowRule } from './allow'

/** The upstream Tray token: one, or looked up per caller (from `c.env`, or a user token for the caller). */
export type GatewayToken<C> = string | ((ctx: C) => string | Promise<string>)

/** How a gateway's core clients are made: the upstream token, and each client's options. */
export interface GatewayClientOptions<C> {
  /** The upstream Tray token. It stays on the server: never returned in a body, a header or a tool result. */
  token: GatewayToken<C>
  /** Tray region, `'us'` by default. Ignored when `baseUrl` is set. */
  region?: TrayRegion | undefined
  /** Another server speaking Tray's protocol (the mock, a proxy). */
  baseUrl?: string | undefined
  /** A fetch for upstream requests instead of the global one. */
  fetch?: typeof fetch | undefined
  /** Milliseconds per upstream attempt (a gateway answers 504 past it). Default 30 000. */
  timeout?: number | undefined
  /** Upstream retries under core's retry rule (never a call that may have run). Default 2. */
  maxRetries?: number | undefined
  /**
   * Largest upstream body read, in bytes; a larger answer is let go unread (502
   * `upstream_too_large`). Core's default (16 MiB) when unset.
   */
  maxResponseBytes?: number | undefined
  /** Catalog cache: a store (memory by default; the Cache API or KV at the edge), options, or `false`. */
  cache?: CacheStore | CatalogCacheOptions | false | undefined
  /**
   * Client-side limits of each upstream token's client: Tray's documented rate and concurrency
   * by default, and `maxQueue`, how many requests may wait for a slot (503 `overloaded` beyond).
   * `false` for none. Each isolate or process keeps its own.
   */
  limits?: Partial<RateLimits> | false | undefined
  /**
   * One budget for every isolate or process of the Tray account, instead of `limits`: a
   * `Limiter` (`createRedisLimiter` on Node), or one per caller context, such as
   * `(c) => durableObjectLimiter(c.env.TRAY_LIMITER)` from `@traykit/edge/cloudflare`. Calls
   * it cannot grant are refused (503 `overloaded` with Retry-After), nothing sent.
   */
  limiter?: Limiter | ((ctx: C) => Limiter) | undefined
}

/** The ownership hook: which authentications the caller of `ctx` may use. */
export interface GatewayAuthentications<C> {
  /**
   * Whether the caller of `ctx` may see, use and delete the authentication `authId`. Only a
   * literal `true` lets the request through; anything else refuses it before Tray is asked.
   */
  owns: (ctx: C, authId: string) => boolean | Promise<boolean>
}

/**
 * The options every gateway in front of Tray takes (the edge's `createTrayHandler`, MCP's
 * `createTrayMcpHandler`), on its caller context `C` (Hono's `Context` for both).
 */
export interface TrayGatewayOptions<C> extends GatewayClientOptions<C> {
  /** Which connectors and operations may be called (403 `operation_not_allowed` otherwise). Default: none. */
  allow?: AllowRule<C> | undefined
  /**
   * Checks every call's `authId` with the ownership hook (403 `authentication_not_owned`,
   * nothing sent). Without it, a call's `authId` is checked only by `allow`.
   */
  authentications?: GatewayAuthentications<C> | undefined
  /** Largest request body accepted, in bytes; 413 `payload_too_large` beyond. Default 1 MiB. */
  maxBodyBytes?: number | undefined
  /**
   * Sees every error answered with a 5xx (upstream failures, a throwing `authorize`), for logs.
   * When it holds the token, it gets a redacted copy of the same class.
   */
  onError?: ((error: unknown, ctx: C) => void) | undefined
}

/** A gateway that decides per request who may use it. */
export interface AuthorizedGatewayOptions<C> {
  /** Whether this request may use the gateway at all; anything but `true` answers 401. */
  authorize: (ctx: C) => boolean | Promise<boolean>
  /** Only `false` (or nothing) beside `authorize`. */
  public?: false | undefined
}

/** A gateway that serves every caller: a demo, or one behind your own gateway. */
export interface PublicGatewayOptions {
  /** Serve anyone, with no `authorize`. Must be explicit: a gateway is never open by accident. */
  public: true
  authorize?: undefined
}

/** Typed against the options, so an option added there and not here fails to compile. */
const GATEWAY_OPTIONS: Record<keyof TrayGatewayOptions<unknown> | 'authorize' | 'public', true> = {
  token: true,
  authorize: true,
  public: true,
  allow: true,
  authentications: true,
  maxBodyBytes: true,
  cache: true,
  region: true,
  baseUrl: true,
  fetch: true,
  timeout: true,
  maxRetries: true,
  maxResponseBytes: true,
  limits: true,
  limiter: true,
  onError: true,
}

/** How `checkGatewayOptions` names the gateway and knows its own options. */
export interface GatewayCheckOptions {
  /** The function the options were given to, in every message (`createTrayHandler`). */
  name: string
  /** The gateway's own option names besides the shared ones (`cors`, `catalog`). */
  options?: readonly string[] | undefined
}

/**
 * Refuses gateway options that would be open by accident or misconfigured, when the gateway is
 * made rather than on its first request: an unknown name (with a "did you mean"), no token,
 * neither or both of `authorize` and `public: true`, a malformed `maxBodyBytes`,
 * `authentications`, `onError` or `limiter`, and whatever core's client refuses (region,
 * baseUrl, timeout, limits…). The types already refuse most of it; plain JavaScript and casts
 * get here too. `allow` is checked where it is compiled (`createAllowCheck`).
 */
export function checkGatewayOptions(options: unknown, check: GatewayCheckOptions): void {
  const { name } = check
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TrayError(`${name}: options must be an object with at least token and authorize`)
  }
  // A misspelt option (`authorise`, `allowed`) would otherwise be ignored silently.
  const names = [...Object.keys(GATEWAY_OPTIONS), ...(check.options ?? [])]
  for (const key of Object.keys(options)) {
    if (names.includes(key)) continue
    const near = suggest(key, names)
    throw new TrayError(
      `${name}: unknown option "${clip(key, 60)}"` +
        (near ? ` (did you mean "${near}"?)` : '') +
        `; the options are ${names.join(', ')}`,
    )
  }
  const given = options as Partial<TrayGatewayOptions<unknown>> & {
    authorize?: unknown
    public?: unknown
  }
  const { token, authorize } = given
  if (typeof token !== 'function' && (typeof token !== 'string' || token === '')) {
    throw new TrayError(
      `${name}: token is required: the upstream Tray token as a string, or a function (c) => string | Promise<string> such as (c) => c.env.TRAY_TOKEN`,
    )
  }
  if (given.public !== undefined && typeof given.public !== 'boolean') {
    throw new TrayError(`${name}: public must be true or false`)
  }
  if (authorize !== undefined && typeof authorize !== 'function') {
    throw new TrayError(`${name}: authorize must be a function (c) => boolean | Promise<boolean>`)
  }
  if (authorize === undefined && given.public !== true) {
    throw new TrayError(
      `${name}: authorize is required: a function (c) => boolean | Promise<boolean> that decides who may use your Tray token. ` +
        'To serve every caller (a demo, or behind your own gateway), pass public: true explicitly.',
    )
  }
  if (authorize !== undefined && given.public === true) {
    throw new TrayError(`${name}: give either authorize or public: true, not both`)
  }
  const { maxBodyBytes, authentications, limiter } = given
  if (maxBodyBytes !== undefined && (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1)) {
    throw new TrayError(
      `${name}: maxBodyBytes must be a whole number of bytes, at least 1, got ${JSON.stringify(maxBodyBytes)}`,
    )
  }
  if (
    authentications !== undefined &&
    (typeof authentications !== 'object' ||
      authentications === null ||
      typeof authentications.owns !== 'function')
  ) {
    throw new TrayError(
      `${name}: authentications must be { owns: (c, authId) => boolean | Promise<boolean> }`,
    )
  }
  if (given.onError !== undefined && typeof given.onError !== 'function') {
    throw new TrayError(`${name}: onError must be a function (error, c) => void`)
  }
  if (limiter !== undefined && given.limits !== undefined) {
    throw new TrayError(
      `${name}: give either limiter or limits, not both (pass the limits to the limiter you create)`,
    )
  }
  if (limiter !== undefined && typeof limiter !== 'function' && typeof limiter !== 'object') {
    throw new TrayError(
      `${name}: limiter must be a Limiter or a function (c) => Limiter, such as (c) => durableObjectLimiter(c.env.TRAY_LIMITER)`,
    )
  }
  // Core checks region, baseUrl, timeout, maxRetries, maxResponseBytes, limits and a limiter
  // object; a throwaway client makes it do so now (token: null, as the real token is checked on
  // its own).
  createTrayClient({
    limiter: typeof limiter === 'function' ? undefined : limiter,
    token: null,
    region: given.region,
    baseUrl: given.baseUrl,
    fetch: given.fetch,
    timeout: given.timeout,
    maxRetries: given.maxRetries,
    maxResponseBytes: given.maxResponseBytes,
    limits: given.limits,
    cache: false,
  })
}
