// @traykit/mcp/http: MCP over Streamable HTTP from a Hono app. A subpath of its own, so the
// stdio server does not need hono or @hono/mcp (optional peers).
export { createTrayMcpHandler } from './create-tray-mcp-handler'
export type {
  AuthorizedMcpHandlerOptions,
  PublicMcpHandlerOptions,
  TrayMcpHandlerBaseOptions,
  TrayMcpHandlerOptions,
} from './mcp-handler-options'
