import { TrayNotFoundError } from '../errors/tray-api-error'
import { TrayConnectorError } from '../errors/tray-connector-error'
import type { CallPayload } from '../schemas/call-payload'
import type { CallResult } from '../schemas/call-result'
import type { Connector } from '../schemas/connector'
import type { JsonObject } from '../schemas/json-object'
import type { Operation } from '../schemas/operation'
import {
  checkNumber,
  checkOptionNames,
  checkToken,
  fingerprint,
  resolveBaseUrl,
  resolveCacheOptions,
  resolveLimiter,
} from './_client-options'
import { setInternals } from './_internals'
import { createLeanTransport } from './_lean-transport'
import { loadOnce } from './_load-once'
import { apiPath } from './_path'
import { CatalogCache } from './catalog-cache'
import type { CallOptions, RequestOptions, TrayClientOptions } from './client-options'
import { compareVersions } from './compare-versions'
import { DEFAULT_BACKOFF } from './retry-policy'
import type { TrayClient } from './tray-client'

const FIVE_MINUTES = 5 * 60_000
const ONE_DAY = 24 * 60 * 60_000
// Far above the largest catalog answer, far below what a Worker (128 MB) survives holding it as
// text and parsed JSON at once.
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024

// The JSON Schema validator and its messages weigh more than the rest of the client: loaded on
// the first validated call, they stay out of the first download of a browser app that only lists
// connectors (bundlers split a dynamic import into its own chunk; a Worker bundle inlines it).
// Only this `import()` may reach them from the client: a static import anywhere in what the
// client's entry imports makes esbuild put them in a chunk the page loads at once.
const loadValidator = () => import('./_validator')
// The strict payload check (valibot, the input bounds, a did-you-mean) comes the same way, on a
// client's first call.
const loadPayloadCheck = loadOnce(() => import('./parse-call-payload'))

/**
 * Creates a client for Tray's Connectors API (or any server that speaks it): the catalog and
 * calls. Lookups, authentications and service environments are functions of
 * `@traykit/core/lookups` and `@traykit/core/admin` that take the client.
 */
export function createTrayClient(options: TrayClientOptions = {}): TrayClient {
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

  const transport = createLeanTransport({
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
          schema: (shapes) => shapes.ConnectorListSchema,
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
          schema: (shapes) => shapes.OperationListSchema,
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
    // On its way while the payload is checked and the operations are read.
    const validator = opts.validate === false ? undefined : loadValidator()
    validator?.catch(() => {})
    // Its own fields as they are now: the check runs once its code has loaded, and must see
    // the payload the caller passed, not one changed since.
    const given = isRecord(payload) ? { ...payload } : payload
    const body = (await loadPayloadCheck()).parseCallPayload(given)
    if (validator) {
      const [operations, { assertValidCall }] = await Promise.all([
        listOperations(connector, version, opts),
        validator,
      ])
      assertValidCall(operations, body, `${connector}@${version}`)
    }
    const result = await transport.request({
      method: 'POST',
      path,
      body,
      schema: (shapes) => shapes.CallResultSchema,
      call: true,
      idempotent: opts.idempotent === true,
      signal: opts.signal,
    })
    // Returned as the server sent it; only the thrown error, which gets logged, is redacted.
    if (opts.throwOnError === false) return result as CallResult
    if (result.outcome === 'error') {
      const redact = await transport.redactor()
      throw new TrayConnectorError(redact.value(result.output), {
        connector: redact.text(connector),
        operation: redact.text(body.operation),
      })
    }
    return result.output
  }

  const tray: TrayClient = {
    baseUrl,
    listConnectors,
    listConnectorVersions,
    getConnector,
    listOperations,
    getOperation,
    callConnector,
  }
  // The admin functions reach the transport and the cache through this, never a member.
  setInternals(tray, { transport, cache, cacheScope, listTtlMs: connectorsTtl })
  return tray
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
