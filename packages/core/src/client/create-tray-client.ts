import * as v from 'valibot'
import { TrayNotFoundError } from '../errors/tray-api-error'
import { TrayConnectorError } from '../errors/tray-connector-error'
import { TrayValidationError } from '../errors/tray-validation-error'
import {
  type Authentication,
  AuthenticationSchema,
  type CreateAuthenticationInput,
  CreateAuthenticationResultSchema,
  CreateAuthenticationSchema,
} from '../schemas/authentication'
import { AuthIdSchema, type CallPayload } from '../schemas/call-payload'
import { type CallResult, CallResultSchema } from '../schemas/call-result'
import { type Connector, ConnectorListSchema } from '../schemas/connector'
import type { JsonObject } from '../schemas/json-object'
import { type Operation, OperationListSchema } from '../schemas/operation'
import {
  type ServiceEnvironment,
  ServiceEnvironmentListSchema,
} from '../schemas/service-environment'
import {
  checkNumber,
  checkOptionNames,
  checkToken,
  fingerprint,
  resolveBaseUrl,
  resolveCacheOptions,
  resolveLimiter,
} from './_client-options'
import { apiPath } from './_path'
import { createTransport } from './_transport'
import { CatalogCache } from './catalog-cache'
import type { CallOptions, RequestOptions, TrayClientOptions } from './client-options'
import { compareVersions } from './compare-versions'
import { getOutputSchema } from './get-output-schema'
import { parseCallPayload } from './parse-call-payload'
import {
  type ResolveLookupOptions,
  type ResolveLookupParams,
  resolveLookup,
} from './resolve-lookup'
import { DEFAULT_BACKOFF } from './retry-policy'

const FIVE_MINUTES = 5 * 60_000
const ONE_DAY = 24 * 60 * 60_000
// Far above the largest catalog answer, far below what a Worker (128 MB) survives holding it as
// text and parsed JSON at once.
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024

// The JSON Schema validator and its messages weigh more than the rest of the client: loaded on
// the first validated call, they stay out of the first download of a browser app that only lists
// connectors (bundlers split a dynamic import into its own chunk; a Worker bundle inlines it).
const loadValidator = () => import('../input-schema/assert-valid-input')
/** Creates a client for Tray's Connectors API (or any server that speaks it). */
export function createTrayClient(options: TrayClientOptions = {}) {
  checkOptionNames(options)
  const baseUrl = resolveBaseUrl(options)
  const token = checkToken(options, options.baseUrl)
  const timeoutMs = checkNumber('timeout', options.timeout ?? 30_000, 1)
  const maxRetries = checkNumber('maxRetries', options.maxRetries ?? 2, 0)
  const maxResponseBytes = checkNumber(
    'maxResponseBytes',
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    1,
  )
  const userAgent = options.userAgent ? `${options.userAgent} traykit` : 'traykit'
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  const transport = createTransport({
    baseUrl,
    token,
    fetch: fetchImpl,
    timeoutMs,
    maxResponseBytes,
    maxRetries,
    headers: { 'user-agent': userAgent, ...options.headers },
    limiter: resolveLimiter(options),
    backoff: DEFAULT_BACKOFF,
    hooks: options.hooks ?? {},
  })

  const cacheOptions = resolveCacheOptions(options.cache)
  const cache = new CatalogCache(cacheOptions?.store, {
    notFoundTtlMs: checkNumber('cache.notFoundTtlMs', cacheOptions?.notFoundTtlMs ?? 10_000, 0),
  })
  // Entries are scoped by server and token, so a store shared between clients never serves
  // one token's catalog to another. The fingerprint is a one-way hash, never the token.
  const cacheScope = `traykit:v1:${baseUrl}:${fingerprint(token ?? '')}`
  const connectorsTtl = cacheOptions?.connectorsTtlMs ?? FIVE_MINUTES
  const operationsTtl = cacheOptions?.operationsTtlMs ?? ONE_DAY

  async function listConnectors(opts: RequestOptions = {}): Promise<Connector[]> {
    const list = await cache.read(
      `${cacheScope}:connectors`,
      connectorsTtl,
      async (signal) => {
        const body = await transport.request({
          method: 'GET',
          path: apiPath`/core/v1/connectors`,
          schema: ConnectorListSchema,
          signal,
        })
        return body.elements
      },
      opts.signal,
    )
    return [...list]
  }

  async function listConnectorVersions(
    name: string,
    opts: RequestOptions = {},
  ): Promise<Connector[]> {
    const all = await listConnectors(opts)
    return all
      .filter((connector) => connector.name === name)
      .sort((a, b) => compareVersions(b.version, a.version))
  }

  async function getConnector(
    name: string,
    version?: string,
    opts: RequestOptions = {},
  ): Promise<Connector> {
    const versions = await listConnectorVersions(name, opts)
    const found = version === undefined ? versions[0] : versions.find((c) => c.version === version)
    if (found) return found
    throw new TrayNotFoundError({
      status: 404,
      message:
        versions.length === 0
          ? `No connector named "${name}"`
          : `${name} has no version "${version}" (versions: ${versions.map((c) => c.version).join(', ')})`,
    })
  }

  async function listOperations(
    connector: string,
    version: string,
    opts: RequestOptions = {},
  ): Promise<Operation[]> {
    const path = apiPath`/core/v1/connectors/${connector}/versions/${version}/operations`
    const list = await cache.read(
      `${cacheScope}:operations:${connector}@${version}`,
      operationsTtl,
      async (signal) => {
        const body = await transport.request({
          method: 'GET',
          path,
          schema: OperationListSchema,
          signal,
        })
        return body.elements
      },
      opts.signal,
    )
    return [...list]
  }

  async function getOperation(
    connector: string,
    version: string,
    operation: string,
    opts: RequestOptions = {},
  ): Promise<Operation> {
    const operations = await listOperations(connector, version, opts)
    const found = operations.find((op) => op.name === operation)
    if (found) return found
    throw new TrayNotFoundError({
      status: 404,
      message: `${connector}@${version} has no operation "${operation}"`,
    })
  }

  async function callConnector<TOutput extends object = JsonObject>(
    connector: string,
    version: string,
    payload: CallPayload,
    opts: CallOptions & { throwOnError: false },
  ): Promise<CallResult<TOutput>>
  async function callConnector<TOutput extends object = JsonObject>(
    connector: string,
    version: string,
    payload: CallPayload,
    opts?: CallOptions & { throwOnError?: true | undefined },
  ): Promise<TOutput>
  async function callConnector<TOutput extends object = JsonObject>(
    connector: string,
    version: string,
    payload: CallPayload,
    opts?: CallOptions,
  ): Promise<TOutput | CallResult<TOutput>>
  async function callConnector(
    connector: string,
    version: string,
    payload: CallPayload,
    opts: CallOptions = {},
  ): Promise<JsonObject | CallResult> {
    const path = apiPath`/core/v1/connectors/${connector}/versions/${version}/call`
    const body = parseCallPayload(payload)
    if (opts.validate !== false) {
      const [operations, { assertValidInput }] = await Promise.all([
        listOperations(connector, version, opts),
        loadValidator(),
      ])
      const operation = operations.find((op) => op.name === body.operation)
      // An unknown operation is the caller's mistake: refuse it here instead of paying for
      // Tray's outcome "error".
      if (!operation) {
        const message = `${connector}@${version} has no operation "${body.operation}"`
        throw new TrayValidationError(`${message}; nothing was sent`, [
          { path: 'operation', message },
        ])
      }
      assertValidInput(operation, body.input, `${connector}@${version}`)
    }
    const result = await transport.request({
      method: 'POST',
      path,
      body,
      schema: CallResultSchema,
      call: true,
      idempotent: opts.idempotent === true,
      signal: opts.signal,
    })
    // Returned as the server sent it; only the thrown error, which gets logged, is redacted.
    if (opts.throwOnError === false) return result as CallResult
    if (result.outcome === 'error') {
      throw new TrayConnectorError(transport.redact.value(result.output), {
        connector: transport.redact.text(connector),
        operation: transport.redact.text(body.operation),
      })
    }
    return result.output
  }

  async function listServiceEnvironments(
    service: string,
    serviceVersion: number,
    opts: RequestOptions = {},
  ): Promise<ServiceEnvironment[]> {
    if (!Number.isInteger(serviceVersion)) {
      throw new TrayValidationError('Invalid service version', [
        {
          path: 'serviceVersion',
          message: `must be the service's integer version (connector.service.version), got ${JSON.stringify(serviceVersion)}`,
        },
      ])
    }
    const path = apiPath`/core/v1/services/${service}/versions/${serviceVersion}/environments`
    // Cached like the connector list (an account's environments change, rarely), in the same
    // store: a form that lists them on every connector change costs one read per TTL.
    const list = await cache.read(
      `${cacheScope}:environments:${service}@${serviceVersion}`,
      connectorsTtl,
      async (signal) => {
        const body = await transport.request({
          method: 'GET',
          path,
          schema: ServiceEnvironmentListSchema,
          signal,
        })
        return body.elements
      },
      opts.signal,
    )
    return [...list]
  }

  async function createAuthentication(
    input: CreateAuthenticationInput,
    opts: RequestOptions = {},
  ): Promise<{ id: string }> {
    const body = parseOrReject(CreateAuthenticationSchema, input, 'Invalid authentication')
    return transport.request({
      method: 'POST',
      path: apiPath`/core/v1/authentications`,
      body,
      schema: CreateAuthenticationResultSchema,
      signal: opts.signal,
    })
  }

  async function getAuthentication(id: string, opts: RequestOptions = {}): Promise<Authentication> {
    parseOrReject(AuthIdSchema, id, 'Invalid authentication id')
    return transport.request({
      method: 'GET',
      path: apiPath`/core/v1/authentications/${id}`,
      schema: AuthenticationSchema,
      signal: opts.signal,
    })
  }

  async function deleteAuthentication(id: string, opts: RequestOptions = {}): Promise<void> {
    parseOrReject(AuthIdSchema, id, 'Invalid authentication id')
    await transport.request({
      method: 'DELETE',
      path: apiPath`/core/v1/authentications/${id}`,
      signal: opts.signal,
    })
  }

  const lookupDeps = { getOperation, callConnector }

  return {
    /** The server this client talks to. */
    baseUrl,
    listConnectors,
    listConnectorVersions,
    getConnector,
    listOperations,
    getOperation,
    callConnector,
    listServiceEnvironments,
    createAuthentication,
    getAuthentication,
    deleteAuthentication,
    /**
     * Runs a field's DDL with the current input: its `{ text, value }` options (a billed call,
     * retried like a read unless `idempotent: false`; each retry may bill a task).
     */
    resolveLookup: (params: ResolveLookupParams, opts?: ResolveLookupOptions) =>
      resolveLookup(lookupDeps, params, opts),
    /** The output schema of a dynamic-output operation for this input (a billed call). */
    getOutputSchema: (
      connector: string,
      version: string,
      operation: string,
      input: JsonObject,
      opts?: Parameters<typeof getOutputSchema>[5],
    ) => getOutputSchema(lookupDeps, connector, version, operation, input, opts),
  }
}

/** A client made by `createTrayClient`. */
export type TrayClient = ReturnType<typeof createTrayClient>

function parseOrReject<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  summary: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  throw new TrayValidationError(
    `${summary}; nothing was sent`,
    result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })),
  )
}
