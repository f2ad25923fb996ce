import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js'
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker'
import { TrayError } from '@traykit/core/client'
import { errorOutcome } from '@traykit/core/server'
import { version } from '../package.json'
import { redactedCopy } from './_redact'
import { createTrayTools } from './_tray-tools'
import type { TrayMcpServerOptions } from './mcp-server-options'

const INSTRUCTIONS =
  'These tools run Tray connector operations (Slack, Google Sheets, …) for the user. Each run ' +
  'of an operation bills one Tray task, so call one only when the user wants it done, and do ' +
  'not repeat a call that reported it may have run. Inputs are checked before anything is ' +
  'sent: an invalid one is refused with its issues and bills nothing. A field whose options ' +
  'come from a lookup says so: list them with tray_lookup_options.'

const VALIDATOR = /* @__PURE__ */ new CfWorkerJsonSchemaValidator()

/**
 * Creates an MCP server (the official SDK's `McpServer`) whose tools are Tray connector
 * operations: the allowed ones, checked and validated by core before anything is billed, with
 * the end user's authentication chosen on the server. Connect it to any transport.
 *
 * @example
 * const server = createTrayMcpServer({ tray, allow: { slack: ['send_message'] }, authId })
 * await server.connect(new StdioServerTransport())
 */
export function createTrayMcpServer(options: TrayMcpServerOptions): McpServer {
  if (typeof options?.tray?.callConnector !== 'function') {
    throw new TrayError('createTrayMcpServer: tray must be a client from createTrayClient')
  }
  if (options.mode !== undefined && options.mode !== 'operations' && options.mode !== 'discovery') {
    throw new TrayError(
      `createTrayMcpServer: mode must be 'operations' or 'discovery', got ${JSON.stringify(options.mode)}`,
    )
  }
  const tools = createTrayTools(options)
  const server = new McpServer(
    { name: options.name ?? 'traykit', version },
    {
      capabilities: { tools: { listChanged: false } },
      instructions: INSTRUCTIONS,
      // Runs everywhere (Workers forbid the code generation of the SDK's default, Ajv). One
      // for every server: it keeps no state, and the HTTP handler makes a server per request.
      jsonSchemaValidator: VALIDATOR,
    },
  )
  // The SDK's own request handlers, not McpServer.registerTool: that takes zod schemas, and a
  // tool's schema here is Tray's JSON Schema, made valid for clients, read from the catalog
  // when a client lists the tools (so the server is made at once, and follows the catalog).
  server.server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => {
    try {
      const list = await tools.list(extra)
      // A copy: an in-process client gets these very objects, and the schemas are kept.
      return { tools: redactedCopy(list, options.redact) }
    } catch (error) {
      // The catalog could not be read: core's error table says why, in words without the token.
      throw new McpError(ErrorCode.InternalError, errorOutcome(error, options.redact).message)
    }
  })
  server.server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    tools.call(request.params.name, request.params.arguments ?? {}, extra),
  )
  return server
}
