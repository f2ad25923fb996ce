import type { Tool } from '@modelcontextprotocol/sdk/types.js'
import type { Connector, Operation, RequestOptions, TrayClient } from '@traykit/core/client'
import { getLookups } from '@traykit/core/forms'
import type { AllowCheck, AllowedCatalog } from '@traykit/core/server'
import { toolName, toolPrefix } from './_tool-name'

/** One operation of a connector version, as the tools name it. */
export interface OperationRef {
  connector: Connector
  operation: Operation
  /** Its tool name in `operations` mode (`slack_9_1__send_message`). */
  tool: string
  /** A DDL: it only reads (the source of a lookup's options). */
  readOnly: boolean
}

/** The part of a core client the tools use. */
export type CatalogClient = Pick<
  TrayClient,
  'listConnectors' | 'getConnector' | 'listOperations' | 'getOperation' | 'callConnector'
>

/**
 * Which connectors the rule may allow: those an allow map names (so a catalog of hundreds
 * costs one list), or every one (`'all'`, a predicate), or none.
 */
export type ConnectorFilter = AllowedCatalog | 'all' | undefined

// What is worked out from a client's catalog answers is remembered per client, for as long as
// the client answers with the same objects (core's cache does, until an entry expires): tool
// calls then find their operation without reading every connector or naming every operation,
// and a list converts each schema once. A pooled client of the HTTP handler serves many
// requests, each with a server of its own, so this lives beside the client, not the server.
// Allow rules are never remembered: they are asked per call, with the request.

/** A connector list and what it says: the names in order, each name's versions, the prefixes. */
interface ConnectorIndex {
  list: readonly Connector[]
  order: Map<string, number>
  versions: Map<string, Connector[]>
  /** Every version, by the prefix its tool names start with (`slack_9_1__`). */
  byPrefix: Map<string, Connector[]>
  /** The latest version of a name, asked of the client once per list. */
  latest: Map<string, Promise<Connector>>
}

/** One connector version's operations as tools: immutable while the answers are the same. */
interface VersionIndex {
  connector: Connector
  list: readonly Operation[]
  refs: OperationRef[]
  /** The first operation with each tool name, as a search in Tray's order finds it. */
  byTool: Map<string, OperationRef>
  /** Converted tools, by operation: without, then with the agent's `authId` argument. */
  tools: [Map<OperationRef, Tool>, Map<OperationRef, Tool>]
  lookups: Map<Operation, boolean>
}

/** Connector versions remembered per client at most; the least recently built go first. */
const MAX_VERSIONS = 1000

const connectorIndexes = new WeakMap<CatalogClient, ConnectorIndex>()
const versionIndexes = new WeakMap<CatalogClient, Map<string, VersionIndex>>()

async function connectorIndex(tray: CatalogClient, opts: RequestOptions): Promise<ConnectorIndex> {
  const list = await tray.listConnectors(opts)
  const known = connectorIndexes.get(tray)
  if (known && sameItems(known.list, list)) return known
  const index: ConnectorIndex = {
    // A copy: a client that changes the array it answered must not change what was compared.
    list: [...list],
    order: new Map(),
    versions: new Map(),
    byPrefix: new Map(),
    latest: new Map(),
  }
  for (const connector of list) {
    if (!index.order.has(connector.name)) index.order.set(connector.name, index.order.size)
    push(index.versions, connector.name, connector)
    push(index.byPrefix, toolPrefix(connector.name, connector.version), connector)
  }
  connectorIndexes.set(tray, index)
  return index
}

/**
 * The latest version of a name. One version: that one. Several: core's getConnector picks the
 * newest from the list it has cached (no request, and no signal: nothing is left to cancel, and
 * hundreds of listeners on one signal would be a leak warning).
 */
function latestOf(tray: CatalogClient, index: ConnectorIndex, name: string): Promise<Connector> {
  const known = index.versions.get(name) ?? []
  if (known.length === 1) return Promise.resolve(known[0] as Connector)
  let latest = index.latest.get(name)
  if (!latest) {
    latest = tray.getConnector(name)
    index.latest.set(name, latest)
    // A failure is not remembered: the next call asks again.
    latest.catch(() => index.latest.delete(name))
  }
  return latest
}

/** The latest version of each connector the filter lets through, in the list's order. */
export async function latestConnectors(
  tray: CatalogClient,
  filter: ConnectorFilter,
  opts: RequestOptions,
): Promise<Connector[]> {
  if (filter === undefined) return []
  const index = await connectorIndex(tray, opts)
  const names = [...index.order.keys()]
  const wanted = filter === 'all' ? names : names.filter((name) => filter.rules.has(name))
  return Promise.all(wanted.map((name) => latestOf(tray, index, name)))
}

/**
 * The operation a tool name stands for, among the latest versions the filter lets through:
 * only the versions whose prefix the name starts with are read. A name cut to 64 characters
 * may not keep the whole prefix: then every connector is read.
 */
export async function findTool(
  tray: CatalogClient,
  filter: ConnectorFilter,
  name: string,
  opts: RequestOptions,
): Promise<OperationRef | undefined> {
  if (filter === undefined) return undefined
  const index = await connectorIndex(tray, opts)
  const named: Connector[] = []
  // Every prefix of the name that ends in `__` may be a connector version's.
  for (let at = name.indexOf('__'); at !== -1; at = name.indexOf('__', at + 1)) {
    for (const connector of index.byPrefix.get(name.slice(0, at + 2)) ?? []) {
      if (filter !== 'all' && !filter.rules.has(connector.name)) continue
      const latest = await latestOf(tray, index, connector.name)
      if (latest.version === connector.version && !named.some((c) => c.name === latest.name)) {
        named.push(latest)
      }
    }
  }
  named.sort((a, b) => (index.order.get(a.name) ?? 0) - (index.order.get(b.name) ?? 0))
  const connectors =
    named.length > 0 || name.length < 64 ? named : await latestConnectors(tray, filter, opts)
  for (const connector of connectors) {
    const found = (await versionIndex(tray, connector, opts)).byTool.get(name)
    if (found) return found
  }
  return undefined
}

async function versionIndex(
  tray: CatalogClient,
  connector: Connector,
  opts: RequestOptions = {},
): Promise<VersionIndex> {
  const list = await tray.listOperations(connector.name, connector.version, opts)
  let indexes = versionIndexes.get(tray)
  if (!indexes) {
    indexes = new Map()
    versionIndexes.set(tray, indexes)
  }
  const key = `${connector.name}\u0000${connector.version}`
  const known = indexes.get(key)
  if (known && known.connector === connector && sameItems(known.list, list)) return known
  const refs = list.map((operation) => refOf(connector, operation))
  const byTool = new Map<string, OperationRef>()
  for (const ref of refs) if (!byTool.has(ref.tool)) byTool.set(ref.tool, ref)
  const index: VersionIndex = {
    connector,
    list: [...list],
    refs,
    byTool,
    tools: [new Map(), new Map()],
    lookups: new Map(),
  }
  indexes.delete(key)
  indexes.set(key, index)
  if (indexes.size > MAX_VERSIONS) indexes.delete(indexes.keys().next().value as string)
  return index
}

/** The operations of one connector version that `check` allows for `ctx`, in Tray's order. */
export async function allowedOperations<C>(
  tray: CatalogClient,
  connector: Connector,
  check: AllowCheck<C>,
  ctx: C,
): Promise<OperationRef[]> {
  // Read for many connectors at once: one listener each on the request's signal would pass
  // Node's leak warning, so only the first read (the connector list) takes the signal.
  const { refs } = await versionIndex(tray, connector)
  // Asked without a payload: the operation is offered, nothing is about to run.
  const { name, version } = connector
  const allowed = await Promise.all(
    refs.map((ref) => check(name, version, ref.operation.name, ctx)),
  )
  return refs.filter((_, i) => allowed[i])
}

/**
 * The tool of an operation, converted once per connector version (and `authId` choice). Frozen:
 * a list hands out copies, and nothing may change what the next one copies.
 */
export function cachedTool(
  tray: CatalogClient,
  ref: OperationRef,
  agentAuthId: boolean,
  convert: (ref: OperationRef) => Tool,
): Tool {
  const index = versionIndexes.get(tray)?.get(`${ref.connector.name}\u0000${ref.connector.version}`)
  if (!index?.refs.includes(ref)) return convert(ref)
  const tools = index.tools[agentAuthId ? 1 : 0]
  let tool = tools.get(ref)
  if (!tool) {
    tool = deepFreeze(convert(ref))
    tools.set(ref, tool)
  }
  return tool
}

/** Whether an operation has a field whose options come from a lookup (remembered per version). */
export function hasLookups(tray: CatalogClient, ref: OperationRef): boolean {
  const index = versionIndexes.get(tray)?.get(`${ref.connector.name}\u0000${ref.connector.version}`)
  let has = index?.lookups.get(ref.operation)
  if (has === undefined) {
    has = getLookups(ref.operation).length > 0
    index?.lookups.set(ref.operation, has)
  }
  return has
}

/** The reference of one operation. */
export function refOf(connector: Connector, operation: Operation): OperationRef {
  return {
    connector,
    operation,
    tool: toolName(connector.name, connector.version, operation.name),
    readOnly: isDdl(operation),
  }
}

/** Tray names its dynamic drop-down (DDL) operations `…_ddl`; they read and change nothing. */
function isDdl(operation: Operation): boolean {
  return /_ddl$/i.test(operation.name)
}

/** Whether two lists hold the same objects in the same order (core copies its cached arrays). */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
