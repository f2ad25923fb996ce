import {
  type CallToolResult,
  ErrorCode,
  McpError,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js'
import type { CallPayload, Connector, JsonObject, RequestOptions } from '@traykit/core/client'
import { examplePayload, getLookups } from '@traykit/core/forms'
import { resolveLookup } from '@traykit/core/lookups'
import {
  type AllowMap,
  createAllowCheck,
  listAllowed,
  TrayGatewayError,
} from '@traykit/core/server'
import {
  allowedOperations,
  type ConnectorFilter,
  cachedTool,
  findTool,
  hasLookups,
  latestConnectors,
  type OperationRef,
  refOf,
} from './_catalog'
import { readArgs } from './_tool-args'
import { toolInputSchema } from './_tool-input-schema'
import { errorResult, jsonResult } from './_tool-result'
import type { TrayMcpRequest, TrayMcpServerOptions } from './mcp-server-options'

export const LOOKUP_TOOL = 'tray_lookup_options'
export const SEARCH_TOOL = 'tray_search_operations'
export const DESCRIBE_TOOL = 'tray_describe_operation'
export const CALL_TOOL = 'tray_call_operation'

/** Connectors whose operations a search reads at most: the best matches by name and description. */
const SEARCH_CONNECTORS = 20
const BILLS = 'Bills one Tray task per call.'

/** The tools of a server: what `tools/list` shows and what `tools/call` runs. */
export interface TrayTools {
  list(request: TrayMcpRequest): Promise<Tool[]>
  call(
    name: string,
    args: Record<string, unknown>,
    request: TrayMcpRequest,
  ): Promise<CallToolResult>
}

/** The tools of `createTrayMcpServer`, in its mode. */
export function createTrayTools(options: TrayMcpServerOptions): TrayTools {
  const { tray, allow, redact, ownsAuthId } = options
  const agentAuthId = options.agentAuthId === true
  const check = createAllowCheck(allow, { name: 'createTrayMcpServer' })
  // The connectors a map names, compiled once per server like the check (a predicate may allow
  // any connector, so every one is read).
  const filter: ConnectorFilter =
    allow === undefined
      ? undefined
      : typeof allow === 'function'
        ? 'all'
        : listAllowed(allow as AllowMap, { name: 'createTrayMcpServer' })
  const discovery = options.mode === 'discovery'
  const authIdProperty: JsonObject = {
    type: 'string',
    description: 'The id of the end user’s authentication to run with (the server’s when left out)',
  }

  async function allowedRefs(request: TrayMcpRequest): Promise<OperationRef[]> {
    const opts = { signal: request.signal }
    const connectors = await latestConnectors(tray, filter, opts)
    const lists = await Promise.all(
      connectors.map((c) => allowedOperations(tray, c, check, request)),
    )
    return lists.flat()
  }

  function operationTool(ref: OperationRef): Tool {
    const { connector, operation } = ref
    const inputSchema = toolInputSchema(operation, (lookup) => {
      const needs = lookup.dependsOn.length ? ` Fill ${lookup.dependsOn.join(', ')} first.` : ''
      return `Its options: call ${LOOKUP_TOOL} with ${JSON.stringify({ connector: connector.name, version: connector.version, operation: operation.name, field: lookup.path })}.${needs}`
    })
    if (agentAuthId) {
      inputSchema.properties = { ...(inputSchema.properties as JsonObject), authId: authIdProperty }
    }
    return {
      name: ref.tool,
      title: `${connector.title}: ${operation.title}`,
      description: describe(ref),
      inputSchema: inputSchema as Tool['inputSchema'],
      annotations: ref.readOnly
        ? { title: operation.title, readOnlyHint: true, openWorldHint: true }
        : {
            title: operation.title,
            readOnlyHint: false,
            idempotentHint: false,
            openWorldHint: true,
          },
    }
  }

  function describe(ref: OperationRef): string {
    const { connector, operation } = ref
    const what = operation.description || operation.title
    const cost = ref.readOnly
      ? 'Reads only (a lookup source); bills one Tray task per call.'
      : BILLS
    return `${what} (${connector.title} ${connector.version}, operation ${operation.name}.) ${cost}`
  }

  /** The connector version a discovery call names: the given version, or the latest. */
  async function connectorOf(
    args: ReturnType<typeof readArgs>,
    opts: RequestOptions,
  ): Promise<Connector> {
    return tray.getConnector(args.string('connector', true), args.string('version', false), opts)
  }

  /**
   * Refuses what `allow` does not permit: with the call's `payload` when one is about to run
   * (a tool call, a lookup), without it when the operation is only offered or described.
   */
  async function refuseUnallowed(
    connector: Connector,
    operation: string,
    request: TrayMcpRequest,
    payload?: CallPayload,
  ) {
    if (await check(connector.name, connector.version, operation, request, payload)) return
    throw new TrayGatewayError(
      403,
      'operation_not_allowed',
      `${connector.name} ${operation} may not be called through this server`,
    )
  }

  /**
   * What a call of `operation` is about to send: its input and its authentication, the agent's
   * (only when allowed), else the server's. Asked of `allow` before ownership is.
   */
  async function payloadOf(
    connector: Connector,
    operation: string,
    input: JsonObject,
    args: Record<string, unknown>,
    request: TrayMcpRequest,
  ): Promise<CallPayload> {
    const fromAgent = agentAuthId ? readArgs(args).string('authId', false) : undefined
    const source = options.authId
    const authId =
      fromAgent ??
      (typeof source === 'function'
        ? await source({
            connector: connector.name,
            version: connector.version,
            operation,
            request,
          })
        : source)
    return { operation, input, ...(authId !== undefined && { authId }) }
  }

  /** Refuses an authentication the ownership hook does not give the request. */
  async function refuseUnowned(authId: string | undefined, request: TrayMcpRequest) {
    if (authId === undefined || !ownsAuthId || (await ownsAuthId(request, authId)) === true) return
    throw new TrayGatewayError(
      403,
      'authentication_not_owned',
      'This authentication may not be used by this caller',
    )
  }

  /** Runs one operation: allowed, authenticated on the server's side, validated by core before it is sent. */
  async function run(
    connector: Connector,
    operation: string,
    input: JsonObject,
    args: Record<string, unknown>,
    request: TrayMcpRequest,
  ) {
    const payload = await payloadOf(connector, operation, input, args, request)
    await refuseUnallowed(connector, operation, request, payload)
    await refuseUnowned(payload.authId, request)
    // Core checks the payload and validates the input against the operation before sending
    // (TrayValidationError, nothing billed), and never retries a call that may have run.
    const output = await tray.callConnector(connector.name, connector.version, payload, {
      signal: request.signal,
    })
    return jsonResult(output, redact)
  }

  /** The operation's input from a tool's arguments: the agent's `authId` is never input. */
  function inputOf(ref: OperationRef, args: Record<string, unknown>): JsonObject {
    const properties = ref.operation.inputSchema.properties
    const declared = typeof properties === 'object' && properties !== null && 'authId' in properties
    if (declared || !('authId' in args)) return args as JsonObject
    // Not the operation's field: the agent's choice of authentication is ignored (or, with
    // agentAuthId, taken as the authentication), never sent as input.
    const { authId: _ignored, ...input } = args
    return input as JsonObject
  }

  async function lookup(args: Record<string, unknown>, request: TrayMcpRequest) {
    const read = readArgs(args)
    const opts = { signal: request.signal }
    const connector = await connectorOf(read, opts)
    const operation = read.string('operation', true)
    const field = read.string('field', true)
    const input = read.object('input')
    // The lookup runs the DDL its operation's schema names, with that operation's allowance,
    // asked with the operation's payload so far (its input, and the authId the DDL runs with).
    const payload = await payloadOf(connector, operation, input, args, request)
    await refuseUnallowed(connector, operation, request, payload)
    const { authId } = payload
    await refuseUnowned(authId, request)
    const options_ = await resolveLookup(
      tray,
      { connector: connector.name, version: connector.version, operation, field, input, authId },
      // Sent at most once, like every call here: the retry rule holds for lookups too.
      { signal: request.signal, idempotent: false },
    )
    return jsonResult({ options: options_ }, redact)
  }

  async function search(args: Record<string, unknown>, request: TrayMcpRequest) {
    const read = readArgs(args)
    const terms = read
      .string('query', true)
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
    const limit = read.integer('limit', 10, 50)
    const score = (text: string) => {
      const lower = text.toLowerCase()
      return terms.reduce((n, term) => n + (lower.includes(term) ? 1 : 0), 0)
    }
    const opts = { signal: request.signal }
    const connectors = (await latestConnectors(tray, filter, opts)).map((c) => ({
      connector: c,
      score: score(`${c.name} ${c.title} ${c.description}`),
    }))
    // A large catalog: read the operations of the connectors that match best, not all of them.
    const read_ =
      connectors.length <= SEARCH_CONNECTORS
        ? connectors
        : connectors
            .filter((c) => c.score > 0)
            .sort((a, b) => b.score - a.score)
            .slice(0, SEARCH_CONNECTORS)
    const found = await Promise.all(
      read_.map(async ({ connector, score: bonus }) =>
        (await allowedOperations(tray, connector, check, request)).map((ref) => ({
          ref,
          score:
            bonus +
            2 * score(`${ref.operation.name} ${ref.operation.title} ${ref.operation.description}`),
        })),
      ),
    )
    const results = found
      .flat()
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ ref }) => ({
        connector: ref.connector.name,
        version: ref.connector.version,
        operation: ref.operation.name,
        title: ref.operation.title,
        description: clip(ref.operation.description, 200),
        billsTask: true,
        readOnly: ref.readOnly,
      }))
    return jsonResult({ results }, redact)
  }

  async function describeOperation(args: Record<string, unknown>, request: TrayMcpRequest) {
    const read = readArgs(args)
    const opts = { signal: request.signal }
    const connector = await connectorOf(read, opts)
    const name = read.string('operation', true)
    await refuseUnallowed(connector, name, request)
    const ref = refOf(
      connector,
      await tray.getOperation(connector.name, connector.version, name, opts),
    )
    const tool = operationTool(ref)
    return jsonResult(
      {
        connector: connector.name,
        version: connector.version,
        operation: name,
        title: ref.operation.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        lookups: getLookups(ref.operation).map((l) => ({ field: l.path, dependsOn: l.dependsOn })),
        example: {
          connector: connector.name,
          version: connector.version,
          operation: name,
          input: examplePayload(ref.operation).input,
        },
        readOnly: ref.readOnly,
      },
      redact,
    )
  }

  async function callOperation(args: Record<string, unknown>, request: TrayMcpRequest) {
    const read = readArgs(args)
    const opts = { signal: request.signal }
    const connector = await connectorOf(read, opts)
    const name = read.string('operation', true)
    const input = read.object('input')
    // Core reads the operation to validate the input (not found: a tool error, nothing billed).
    return run(connector, name, input, args, request)
  }

  const lookupTool = fixedTool(
    LOOKUP_TOOL,
    'List a field’s options',
    `Lists the options ({ text, value }) of an operation field that has a lookup (a channel, a spreadsheet, …), from the connector's own list with the input filled so far. Pass a value of it to the operation. ${BILLS}`,
    {
      connector: { type: 'string', description: 'The connector, such as slack' },
      version: { type: 'string', description: 'Its version; the latest when left out' },
      operation: { type: 'string', description: 'The operation whose field it is' },
      field: { type: 'string', description: 'The field’s path, as the lookup note names it' },
      input: {
        type: 'object',
        description: 'The input filled so far (the fields the lookup depends on)',
      },
      ...(agentAuthId && { authId: authIdProperty }),
    },
    ['connector', 'operation', 'field'],
    { readOnlyHint: true, openWorldHint: true },
  )

  const discoveryTools = [
    fixedTool(
      SEARCH_TOOL,
      'Search operations',
      'Finds connector operations this server may run, by words of their connector, name or description. Then describe one with tray_describe_operation and run it with tray_call_operation. Bills nothing.',
      {
        query: { type: 'string', description: 'Words to look for, such as "slack send message"' },
        limit: {
          type: 'integer',
          minimum: 1,
          maximum: 50,
          description: 'At most this many results (default 10)',
        },
      },
      ['query'],
      { readOnlyHint: true, openWorldHint: false },
    ),
    fixedTool(
      DESCRIBE_TOOL,
      'Describe an operation',
      'The input schema of an operation (its fields, which are required, which have options to list with tray_lookup_options) and an example input. Bills nothing.',
      {
        connector: { type: 'string', description: 'The connector, such as slack' },
        version: { type: 'string', description: 'Its version; the latest when left out' },
        operation: { type: 'string', description: 'The operation, such as send_message' },
      },
      ['connector', 'operation'],
      { readOnlyHint: true, openWorldHint: false },
    ),
    fixedTool(
      CALL_TOOL,
      'Run an operation',
      `Runs a connector operation with an input that fits its schema (see tray_describe_operation). The input is checked first: an invalid one is refused with its issues and bills nothing. ${BILLS}`,
      {
        connector: { type: 'string', description: 'The connector, such as slack' },
        version: { type: 'string', description: 'Its version; the latest when left out' },
        operation: { type: 'string', description: 'The operation, such as send_message' },
        input: { type: 'object', description: 'The operation’s input' },
        ...(agentAuthId && { authId: authIdProperty }),
      },
      ['connector', 'operation', 'input'],
      { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
    ),
    lookupTool,
  ]

  return {
    async list(request) {
      if (discovery) return discoveryTools
      const refs = await allowedRefs(request)
      const tools = refs.map((ref) => cachedTool(tray, ref, agentAuthId, operationTool))
      if (refs.some((ref) => hasLookups(tray, ref))) tools.push(lookupTool)
      return tools
    },
    async call(name, args, request) {
      try {
        if (name === LOOKUP_TOOL) return await lookup(args, request)
        if (discovery) {
          if (name === SEARCH_TOOL) return await search(args, request)
          if (name === DESCRIBE_TOOL) return await describeOperation(args, request)
          if (name === CALL_TOOL) return await callOperation(args, request)
        } else {
          // The name says connector, version and operation: only that version is read.
          const ref = await findTool(tray, filter, name, { signal: request.signal })
          if (ref) {
            return await run(ref.connector, ref.operation.name, inputOf(ref, args), args, request)
          }
        }
      } catch (error) {
        return errorResult(error, redact)
      }
      // A name no tool has is the client's mistake, answered as MCP says: a protocol error.
      throw new McpError(ErrorCode.InvalidParams, `Tool ${name} not found`)
    },
  }
}

function fixedTool(
  name: string,
  title: string,
  description: string,
  properties: Record<string, JsonObject | undefined>,
  required: string[],
  annotations: Tool['annotations'],
): Tool {
  return {
    name,
    title,
    description,
    inputSchema: {
      type: 'object',
      properties: properties as Record<string, object>,
      required,
      additionalProperties: false,
    } as Tool['inputSchema'],
    annotations: { title, ...annotations },
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
