import type {
  CacheStore,
  CatalogCacheOptions,
  Limiter,
  RateLimits,
  TrayRegion,
} from '@traykit/core/client'
import type { AllowRule } from '@traykit/core/server'
import type { Context, Env } from 'hono'
import type { TrayMcpMode } from './mcp-server-options'

/** The options every MCP handler takes, whoever it serves (the edge handler's, plus MCP's own). */
export interface TrayMcpHandlerBaseOptions<E extends Env = Env> {
  /** The upstream Tray token: a string, or one per request (`c.env`, a user token). Never sent to the agent. */
  token: string | ((c: Context<E>) => string | Promise<string>)
  /** Which operations agents may see and call: a map, or a predicate on the request. Default: none. */
  allow?: AllowRule<Context<E>> | undefined
  /**
   * The end user's authentication for each call, decided on the server from the request (its
   * session, its user): never from the model unless `agentAuthId` is set.
   */
  authId?:
    | string
    | ((
        c: Context<E>,
        call: { connector: string; version: string; operation: string },
      ) => string | undefined | Promise<string | undefined>)
    | undefined
  /** Let the agent pass `authId` as a tool argument (checked by `authentications.owns`). Off by default. */
  agentAuthId?: boolean | undefined
  /**
   * The edge's ownership hook: a call whose `authId` the caller does not own (`owns` is not a
   * literal `true`) is a tool error, nothing sent.
   */
  authentications?:
    | { owns: (c: Context<E>, authId: string) => boolean | Promise<boolean> }
    | undefined
  /** `'operations'` (default) or `'discovery'`; see `createTrayMcpServer`. */
  mode?: TrayMcpMode | undefined
  /** Where MCP is served. Default `/mcp`. */
  path?: string | undefined
  /**
   * Browser origins that may use the server besides its own. A request from any other page is
   * refused (403) before `authorize` runs: MCP's guard against DNS rebinding.
   */
  origins?: readonly string[] | undefined
  /** Largest request body, in bytes; 413 beyond. Default 1 MiB. */
  maxBodyBytes?: number | undefined
  /** Catalog cache: a store, options, or `false`. */
  cache?: CacheStore | CatalogCacheOptions | false | undefined
  /** Tray region, `'us'` by default. Ignored when `baseUrl` is set. */
  region?: TrayRegion | undefined
  /** Another server speaking Tray's protocol (the mock, a proxy). */
  baseUrl?: string | undefined
  /** A fetch for upstream requests instead of the global one. */
  fetch?: typeof fetch | undefined
  /** Milliseconds per upstream attempt. */
  timeout?: number | undefined
  /** Upstream retries under core's retry rule (never a call that may have run). */
  maxRetries?: number | undefined
  /** Largest upstream body read, in bytes. */
  maxResponseBytes?: number | undefined
  /** Each token's client-side limits (Tray's by default), or `false`. */
  limits?: Partial<RateLimits> | false | undefined
  /** One budget across isolates or processes: a `Limiter`, or one per request env. */
  limiter?: Limiter | ((c: Context<E>) => Limiter) | undefined
  /** Sees every error answered with a 5xx, for logs; redacted when it holds the token. */
  onError?: ((error: unknown, c: Context<E>) => void) | undefined
  /** The server's name in MCP's `initialize` answer. Default `traykit`. */
  name?: string | undefined
}

/** A handler that decides per request who may use it. */
export interface AuthorizedMcpHandlerOptions<E extends Env = Env>
  extends TrayMcpHandlerBaseOptions<E> {
  /** Whether this request may use the server; anything but `true` answers 401. */
  authorize: (c: Context<E>) => boolean | Promise<boolean>
  public?: false | undefined
}

/** A handler that serves every caller: a demo, or one behind your own gateway. */
export interface PublicMcpHandlerOptions<E extends Env = Env> extends TrayMcpHandlerBaseOptions<E> {
  /** Serve anyone, with no `authorize`. Must be explicit. */
  public: true
  authorize?: undefined
}

/** Options of `createTrayMcpHandler`: `authorize`, or an explicit `public: true`. */
export type TrayMcpHandlerOptions<E extends Env = Env> =
  | AuthorizedMcpHandlerOptions<E>
  | PublicMcpHandlerOptions<E>
