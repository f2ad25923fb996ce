import type {
  CacheStore,
  CatalogCacheOptions,
  CreateAuthenticationInput,
  Limiter,
  RateLimits,
  TrayRegion,
} from '@traykit/core/client'
import type { AllowMap, AllowPredicate as CoreAllowPredicate } from '@traykit/core/server'
import type { Context, Env } from 'hono'

/**
 * Which operations callers may run, per connector name (any version): a list of operation
 * names, or `'*'` for all of them. `{ slack: ['send_message'], 'twilio-output': '*' }`. Core's
 * `AllowMap`, the same for every gateway.
 */
export type { AllowMap }

/** The upstream Tray token: a string, or looked up per request (from `c.env`, or a user token for the caller). */
export type TokenSource<E extends Env = Env> =
  | string
  | ((c: Context<E>) => string | Promise<string>)

/**
 * Decides whether the caller of `c` may run an operation: core's `AllowPredicate` on the
 * request's context. `payload` is the checked call payload before a call, so a rule can also
 * look at `authId` (with a master token, any authentication of the account is usable); it is
 * absent when `catalog: 'allowed'` asks which operations to list.
 */
export type AllowPredicate<E extends Env = Env> = CoreAllowPredicate<Context<E>>

/** What `onCreate` learns of a new authentication: its id and what was sent, minus the credentials. */
export type CreatedAuthentication = Pick<
  CreateAuthenticationInput,
  // Picked, not Omit<…, 'credentials'>: the input's index signature would swallow every field.
  'name' | 'serviceEnvironmentId' | 'userData' | 'scopes' | 'onPremAgentGroupId'
> & { id: string }

/**
 * Serves Tray's authentication routes (create, get, delete) to callers, each limited to the
 * authentications `owns` says are theirs. Calls with an `authId` are checked by `owns` too.
 */
export interface AuthenticationsOptions<E extends Env = Env> {
  /**
   * Whether the caller of `c` may see, use and delete the authentication `authId`. Only a
   * literal `true` lets the request through; anything else refuses it before Tray is asked.
   */
  owns: (c: Context<E>, authId: string) => boolean | Promise<boolean>
  /**
   * Called once Tray has created an authentication for the caller of `c`, so the app records
   * its owner. If it throws, the handler deletes the new authentication again and answers 500.
   */
  onCreate?:
    | ((c: Context<E>, authentication: CreatedAuthentication) => void | Promise<void>)
    | undefined
}

/** Cross-origin access for browsers on other origins. */
export interface CorsOptions {
  /** Exact origins, such as `https://app.example.com`. No wildcards. */
  origins: readonly string[]
  /** Let browsers send cookies (`Access-Control-Allow-Credentials`). Default false. */
  credentials?: boolean | undefined
  /** Seconds a browser may cache a preflight answer. Default 600. */
  maxAge?: number | undefined
  /** Request headers allowed besides `authorization`, `content-type`, `user-agent` and `x-request-id`. */
  allowHeaders?: readonly string[] | undefined
}

/** The options every handler takes, whoever it serves. */
export interface TrayHandlerBaseOptions<E extends Env = Env> {
  /** The upstream Tray token. It stays on the server: it is never returned, in a body or a header. */
  token: TokenSource<E>
  /** Which connectors and operations may be called (403 otherwise). Default: none. */
  allow?: AllowMap | AllowPredicate<E> | undefined
  /**
   * Serves authentications (create, get, delete) behind an ownership hook, and checks every
   * call's `authId` with it (403 `authentication_not_owned`, nothing sent). Without it, the
   * authentication routes answer 404 and calls' `authId` is checked only by `allow`.
   */
  authentications?: AuthenticationsOptions<E> | undefined
  /**
   * `'all'` (default) serves Tray's catalog as is; `'allowed'` lists only the connectors and
   * operations `allow` permits (a predicate is asked per operation, without a payload).
   */
  catalog?: 'all' | 'allowed' | undefined
  /** Cross-origin access; off by default (same-origin callers only). */
  cors?: CorsOptions | false | undefined
  /** Largest call body accepted, in bytes; 413 beyond. Default 1 MiB. */
  maxBodyBytes?: number | undefined
  /** Catalog cache: a store (memory by default; the Cache API or KV at the edge), options, or `false`. */
  cache?: CacheStore | CatalogCacheOptions | false | undefined
  /** Tray region, `'us'` by default. Ignored when `baseUrl` is set. */
  region?: TrayRegion | undefined
  /** Another server speaking Tray's protocol (the mock, a proxy). */
  baseUrl?: string | undefined
  /** A fetch for upstream requests instead of the global one. */
  fetch?: typeof fetch | undefined
  /** Milliseconds per upstream attempt before answering 504. Default 30 000. */
  timeout?: number | undefined
  /** Upstream retries under core's retry rule (never a call that may have run). Default 2. */
  maxRetries?: number | undefined
  /**
   * Largest upstream body read, in bytes; a larger answer is let go unread and answers 502
   * `upstream_too_large`. Core's default (16 MiB) when unset.
   */
  maxResponseBytes?: number | undefined
  /**
   * Client-side limits of each upstream token's client: Tray's documented rate and concurrency
   * by default, and `maxQueue`, how many requests may wait for a slot (503 `overloaded` beyond).
   * `false` for none. Each isolate or process keeps its own.
   */
  limits?: Partial<RateLimits> | false | undefined
  /**
   * One budget for every isolate or process of the Tray account, instead of `limits`: a
   * `Limiter` (`createRedisLimiter` on Node), or one per request env, such as
   * `(c) => durableObjectLimiter(c.env.TRAY_LIMITER)` from `@traykit/edge/cloudflare`. Calls
   * it cannot grant answer 503 `overloaded` with Retry-After, nothing sent.
   */
  limiter?: Limiter | ((c: Context<E>) => Limiter) | undefined
  /**
   * Sees every error answered with a 5xx (upstream failures, a throwing `authorize`), for logs.
   * When it holds the token, it gets a redacted copy of the same class.
   */
  onError?: ((error: unknown, c: Context<E>) => void) | undefined
}

/** A handler that decides per request who may use it. */
export interface AuthorizedHandlerOptions<E extends Env = Env> extends TrayHandlerBaseOptions<E> {
  /** Whether this request may use the handler at all; anything but `true` answers 401. */
  authorize: (c: Context<E>) => boolean | Promise<boolean>
  /** Only `false` (or nothing) beside `authorize`. */
  public?: false | undefined
}

/** A handler that serves every caller: a demo, or one behind your own gateway. */
export interface PublicHandlerOptions<E extends Env = Env> extends TrayHandlerBaseOptions<E> {
  /** Serve anyone, with no `authorize`. Must be explicit: a handler is never open by accident. */
  public: true
  authorize?: undefined
}

/**
 * Options of `createTrayHandler`: `authorize`, or an explicit `public: true`. A handler with
 * neither does not compile (and throws when created from untyped code).
 */
export type TrayHandlerOptions<E extends Env = Env> =
  | AuthorizedHandlerOptions<E>
  | PublicHandlerOptions<E>
