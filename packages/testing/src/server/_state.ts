import type { Connector, Operation } from '@traykit/core'
import type { ParsedCatalog, ParsedConnector, ParsedOperation } from '../catalog/mock-catalog'
import type { MockAuthentication, MockHandler, MockRequest } from '../mock-tray-types'
import type { FaultSet } from './_fault-set'
import type { ServerLimits } from './_server-limits'
import type { MockUsersState } from './_users-state'

/** An authentication in the mock; `owner` is the token that created it (none for seeds). */
export type StoredAuthentication = MockAuthentication & { owner?: string | undefined }

/** Everything a mock holds; the routes read and change it. */
export interface MockState {
  catalog: CatalogIndex
  /** Accepted tokens; any non-empty token when undefined. */
  tokens: ReadonlySet<string> | undefined
  authentications: Map<string, StoredAuthentication>
  handlers: Map<string, MockHandler>
  faults: FaultSet
  limits: ServerLimits | undefined
  journal: MockRequest[]
  /** Keep at most this many journal entries (the oldest go first). */
  journalLimit: number
  /** Billed calls, counted apart from the journal so a capped journal still counts them all. */
  tasks: number
  /** End users, their tokens and the clock those expire on (the GraphQL API). */
  users: MockUsersState
}

/** The key of a handler: one version, or `*` for every version. */
export function handlerKey(connector: string, version: string, operation: string): string {
  return `${connector}@${version}:${operation}`
}

/**
 * A catalog with lookups by name, and its served bodies serialized once: the catalog never
 * changes, and the list bodies are most of what a busy mock answers.
 */
export interface CatalogIndex {
  /** The body of GET connectors: `{ elements: Connector[] }`. */
  connectorsBody: string
  connector(name: string, version: string): ParsedConnector | undefined
  /** The body of GET operations for a connector version: `{ elements: Operation[] }`. */
  operationsBody(connector: ParsedConnector): string
  environments(service: string, version: number): ParsedCatalog['services'][number] | undefined
  hasEnvironment(id: string): boolean
}

/** Indexes a parsed catalog. */
export function indexCatalog(catalog: ParsedCatalog): CatalogIndex {
  const byKey = new Map(catalog.connectors.map((c) => [`${c.name}@${c.version}`, c]))
  const environmentIds = new Set(catalog.services.flatMap((s) => s.environments.map((e) => e.id)))
  const operationsBodies = new Map(
    catalog.connectors.map((c) => [c, listBody(c.operations.map(publicOperation))] as const),
  )
  const connectors: Connector[] = catalog.connectors.map(
    ({ operations: _, ...connector }) => connector,
  )
  return {
    connectorsBody: listBody(connectors),
    connector: (name, version) => byKey.get(`${name}@${version}`),
    operationsBody: (connector) => operationsBodies.get(connector) ?? listBody([]),
    environments: (name, version) =>
      catalog.services.find((s) => s.name === name && s.version === version),
    hasEnvironment: (id) => environmentIds.has(id),
  }
}

function listBody(elements: unknown[]): string {
  return JSON.stringify({ elements })
}

function publicOperation({ mockResponses: _, ...operation }: ParsedOperation): Operation {
  return operation
}
