import type { Connector, Operation, TrayClient } from '@traykit/core/client'
import {
  type AllowCheck,
  type AllowOptions,
  type AllowRule,
  listAllowed,
} from '@traykit/core/server'

/** Operation lists read at once to list a predicate's connectors: a cold cache stays in its queue. */
const READS_AT_ONCE = 8

/** What `catalog: 'allowed'` shows of Tray's catalog to the caller of `ctx`. */
export interface AllowedCatalog<C> {
  /** The connectors of which some operation is allowed, in Tray's order. */
  connectors(
    ctx: C,
    tray: TrayClient,
    connectors: readonly Connector[],
    signal: AbortSignal,
  ): Promise<Connector[]>
  /** The allowed operations of one connector version, in Tray's order. */
  operations(
    ctx: C,
    connector: string,
    version: string,
    operations: readonly Operation[],
  ): Promise<Operation[]>
}

/**
 * Narrows catalog lists to what `allow` permits. A map is read without a request; a predicate
 * is asked about each operation without a payload (nothing is about to run), and listing its
 * connectors reads each one's operations (core's catalog cache keeps them).
 */
export function allowedCatalog<C>(
  allow: AllowRule<C> | undefined,
  check: AllowCheck<C>,
  options: AllowOptions,
): AllowedCatalog<C> {
  if (typeof allow !== 'function') {
    const shown = listAllowed(allow, options)
    return {
      connectors: async (_ctx, _tray, connectors) => shown.connectors(connectors),
      operations: async (_ctx, connector, _version, operations) =>
        shown.operations(connector, operations),
    }
  }
  async function operations(
    ctx: C,
    connector: string,
    version: string,
    list: readonly Operation[],
  ): Promise<Operation[]> {
    const verdicts = await Promise.all(list.map((op) => check(connector, version, op.name, ctx)))
    return list.filter((_, i) => verdicts[i])
  }
  return {
    operations,
    async connectors(ctx, tray, connectors, signal) {
      const shown = connectors.map(() => false)
      let next = 0
      const reader = async () => {
        for (let i = next++; i < connectors.length; i = next++) {
          const { name, version } = connectors[i] as Connector
          for (const op of await tray.listOperations(name, version, { signal })) {
            // The first allowed operation is enough to list the connector.
            if (await check(name, version, op.name, ctx)) {
              shown[i] = true
              break
            }
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, connectors.length) }, reader))
      return connectors.filter((_, i) => shown[i])
    },
  }
}
