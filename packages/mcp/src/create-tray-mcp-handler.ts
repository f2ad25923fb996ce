import { StreamableHTTPTransport } from '@hono/mcp'
import { TrayError } from '@traykit/core/client'
import {
  checkGatewayOptions,
  createClientPool,
  createOriginCheck,
  errorOutcome,
  type Redactor,
  readJsonBody,
  redactError,
  TrayGatewayError,
  type TrayGatewayOptions,
} from '@traykit/core/server'
import { type Context, type Env, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { createTrayMcpServer } from './create-tray-mcp-server'
import type { TrayMcpHandlerBaseOptions, TrayMcpHandlerOptions } from './mcp-handler-options'

const ONE_MIB = 1024 * 1024
const NAME = 'createTrayMcpHandler'
/** MCP's own options, besides core's gateway options (typed: one added there and not here fails). */
const MCP_OPTIONS: Record<
  Exclude<keyof TrayMcpHandlerBaseOptions, keyof TrayGatewayOptions<Context>>,
  true
> = { authId: true, agentAuthId: true, mode: true, path: true, origins: true, name: true }
/** JSON-RPC's code for a failure of the server itself. */
const INTERNAL_ERROR = -32603

/**
 * Serves MCP over Streamable HTTP from a Hono app (Workers, Deno, Bun, Node): each request is
 * authorized, then answered by a fresh stateless `createTrayMcpServer` on the pooled client of
 * its token, so the allow rule, `authId` and ownership hook see that request. The token stays
 * on the server; the rules are core's (`@traykit/core/server`), as in `createTrayHandler`.
 */
export function createTrayMcpHandler<E extends Env = Env>(
  options: TrayMcpHandlerOptions<E>,
): Hono<E> {
  // Core's checks of the options it shares with createTrayHandler, and the names of MCP's own.
  checkGatewayOptions(options, { name: NAME, options: Object.keys(MCP_OPTIONS) })
  const { authorize, authentications, onError } = options
  if (options.mode !== undefined && options.mode !== 'operations' && options.mode !== 'discovery') {
    throw new TrayError(
      `${NAME}: mode must be 'operations' or 'discovery', got ${JSON.stringify(options.mode)}`,
    )
  }
  // The shared client options, as createTrayHandler passes them.
  const pool = createClientPool<Context<E>>({ ...options, userAgent: 'traykit-mcp', name: NAME })
  const maxBodyBytes = options.maxBodyBytes ?? ONE_MIB
  // MCP servers must check Origin (DNS rebinding): strict, so an unlisted one is refused even
  // from a browser that sends no Sec-Fetch-Site.
  const originCheck = createOriginCheck({ origins: options.origins, name: NAME })
  const { allow, authId } = options
  const app = new Hono<E>()

  app.all(options.path ?? '/mcp', async (c) => {
    let redact: Redactor | undefined
    try {
      originCheck.refuseForeign(c.req.raw)
      // Only a literal `true` lets a request through: a rule that forgot to return refuses.
      if (authorize && (await authorize(c)) !== true) {
        throw new TrayGatewayError(
          401,
          'unauthorized',
          'This request is not authorized to use Tray here',
        )
      }
      if (c.req.method !== 'POST') {
        // Stateless: no session to resume (GET) or end (DELETE).
        return c.json(rpcError('Only POST is served: this MCP server keeps no sessions'), 405, {
          allow: 'POST',
        })
      }
      const body = await readJsonBody(c.req.raw, maxBodyBytes)
      const pooled = await pool.clientFor(c)
      redact = pooled.redact
      const server = createTrayMcpServer({
        tray: pooled.client,
        redact,
        mode: options.mode,
        name: options.name,
        agentAuthId: options.agentAuthId,
        // The edge's predicate, on the HTTP request's context rather than the MCP request.
        allow:
          typeof allow === 'function'
            ? (connector, version, operation, _request, payload) =>
                allow(connector, version, operation, c, payload)
            : allow,
        authId:
          typeof authId === 'function' ? ({ request: _, ...call }) => authId(c, call) : authId,
        ownsAuthId: authentications ? (_request, id) => authentications.owns(c, id) : undefined,
      })
      // A fresh transport per request (stateless), answering in JSON rather than an SSE stream.
      const transport = new StreamableHTTPTransport({ enableJsonResponse: true })
      await server.connect(transport)
      try {
        return (await transport.handleRequest(c, body)) ?? c.body(null, 202)
      } finally {
        await server.close()
      }
    } catch (error) {
      // The transport's own refusals (a wrong Accept or content type) come answered.
      if (error instanceof HTTPException) return error.getResponse()
      const outcome = errorOutcome(error, redact)
      if (outcome.status >= 500) onError?.(redact ? redactError(error, redact) : error, c)
      return c.json(rpcError(outcome.message, outcome.code), outcome.status as 400)
    }
  })
  return app
}

function rpcError(message: string, code?: string) {
  return {
    jsonrpc: '2.0',
    error: { code: INTERNAL_ERROR, message, data: code && { code } },
    id: null,
  }
}
