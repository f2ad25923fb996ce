import type { Connector, Operation, RequestOptions, TrayClient } from '@traykit/core/client'
import { type AllowCheck, type AllowMap, type AllowRule, listAllowed } from '@traykit/core/server'
import { toolName } from './_tool-name'

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
 * The latest version of each connector the rule may allow: with a map, only the connectors
 * it names (so a catalog of hundreds costs one list); with a predicate, all of them.
 */
export async function latestConnectors<C>(
  tray: CatalogClient,
  allow: AllowRule<C> | undefined,
  opts: RequestOptions,
): Promise<Connector[]> {
  if (allow === undefined) return []
  const all = await tray.listConnectors(opts)
  const names = [...new Set(all.map((c) => c.name))]
  const wanted =
    typeof allow === 'function'
      ? names
      : listAllowed(allow as AllowMap)
          .connectors(names.map((name) => ({ name })))
          .map((c) => c.name)
  const versions = new Map<string, Connector[]>()
  for (const connector of all)
    versions.set(connector.name, [...(versions.get(connector.name) ?? []), connector])
  // One version: that one. Several: core's getConnector picks the newest from the list it just
  // cached (no request, and no signal: nothing is left to cancel, and hundreds of listeners
  // on one signal would be a leak warning).
  return Promise.all(
    wanted.map((name) => {
      const known = versions.get(name) ?? []
      return known.length === 1 ? (known[0] as Connector) : tray.getConnector(name)
    }),
  )
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
  const operations = await tray.listOperations(connector.name, connector.version)
  // Asked without a payload: the operation is offered, nothing is about to run.
  const { name, version } = connector
  const allowed = await Promise.all(operations.map((op) => check(name, version, op.name, ctx)))
  return operations.filter((_, i) => allowed[i]).map((operation) => refOf(connector, operation))
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
