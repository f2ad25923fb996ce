import type {
  AuthorizedGatewayOptions,
  PublicGatewayOptions,
  TrayGatewayOptions,
} from '@traykit/core/server'
import type { Context, Env } from 'hono'
import type { TrayMcpMode } from './mcp-server-options'

/**
 * The options every MCP handler takes: core's gateway options on Hono's context, the same as
 * `createTrayHandler`'s (token, allow, authentications.owns, limits, cache, region, baseUrl,
 * fetch, onError…), and MCP's own.
 */
export interface TrayMcpHandlerBaseOptions<E extends Env = Env>
  extends TrayGatewayOptions<Context<E>> {
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
  /** `'operations'` (default) or `'discovery'`; see `createTrayMcpServer`. */
  mode?: TrayMcpMode | undefined
  /** Where MCP is served. Default `/mcp`. */
  path?: string | undefined
  /**
   * Browser origins that may use the server besides its own. A request from any other page is
   * refused (403) before `authorize` runs: MCP's guard against DNS rebinding.
   */
  origins?: readonly string[] | undefined
  /** The server's name in MCP's `initialize` answer. Default `traykit`. */
  name?: string | undefined
}

/** A handler that decides per request who may use it. */
export interface AuthorizedMcpHandlerOptions<E extends Env = Env>
  extends TrayMcpHandlerBaseOptions<E>,
    AuthorizedGatewayOptions<Context<E>> {}

/** A handler that serves every caller: a demo, or one behind your own gateway. */
export interface PublicMcpHandlerOptions<E extends Env = Env>
  extends TrayMcpHandlerBaseOptions<E>,
    PublicGatewayOptions {}

/** Options of `createTrayMcpHandler`: `authorize`, or an explicit `public: true`. */
export type TrayMcpHandlerOptions<E extends Env = Env> =
  | AuthorizedMcpHandlerOptions<E>
  | PublicMcpHandlerOptions<E>
