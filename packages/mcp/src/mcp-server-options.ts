import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js'
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js'
import type { TrayClient } from '@traykit/core/client'
import type { AllowRule, Redactor } from '@traykit/core/server'

/**
 * The MCP request a tool runs for, as the SDK hands it to a handler: its `signal`, the
 * session's `sessionId` and `authInfo` (from the transport's auth), the HTTP `requestInfo`.
 */
export type TrayMcpRequest = RequestHandlerExtra<ServerRequest, ServerNotification>

/** The call an `authId` function decides for. */
export interface TrayMcpCall {
  connector: string
  version: string
  operation: string
  request: TrayMcpRequest
}

/** Where a call's `authId` comes from: one, or one per request or session; none for no authentication. */
export type AuthIdSource =
  | string
  | ((call: TrayMcpCall) => string | undefined | Promise<string | undefined>)

/** How the catalog becomes tools. */
export type TrayMcpMode = 'operations' | 'discovery'

/** Options of `createTrayMcpServer`. */
export interface TrayMcpServerOptions {
  /** The core client the tools run on (`createTrayClient` from `@traykit/core/client`). */
  tray: TrayClient
  /**
   * Which operations the agent may see and call, per connector name (any version): a map such
   * as `{ slack: ['send_message'] }`, or core's predicate `(connector, version, operation,
   * request, payload?)` on the MCP request, asked without a payload to list or describe a tool
   * and with the call's payload (input, `authId`) before it runs. Default: none. An allowed
   * operation's lookups (the DDL its schema names) may be listed with it.
   */
  allow?: AllowRule<TrayMcpRequest> | undefined
  /**
   * The end user's authentication for every call, decided on the server: a value, or a
   * function of the call and its MCP request (a session's user). Never from the model unless
   * `agentAuthId` is set.
   */
  authId?: AuthIdSource | undefined
  /**
   * Let the agent pass `authId` as a tool argument (it then wins over `authId`). Off by
   * default: an agent that can name any authentication can act as any end user of the account.
   */
  agentAuthId?: boolean | undefined
  /**
   * Whether the request may use `authId` (an ownership check); only a literal `true` lets the
   * call run, otherwise it is refused before anything is sent.
   */
  ownsAuthId?: ((request: TrayMcpRequest, authId: string) => boolean | Promise<boolean>) | undefined
  /**
   * `'operations'` (default): one tool per allowed operation, its input schema Tray's own.
   * `'discovery'`: three tools (search, describe, call) whatever the catalog's size.
   */
  mode?: TrayMcpMode | undefined
  /**
   * Core's redactor of the token behind `tray` (`createRedactor(token)`): every text a tool
   * returns goes through it. Core's errors never hold the token; this also covers an output
   * that would echo it.
   */
  redact?: Redactor | undefined
  /** The server's name in MCP's `initialize` answer. Default `traykit`. */
  name?: string | undefined
}
