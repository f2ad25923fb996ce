import type { Connector, Operation, TrayClient } from '@traykit/core'
import type { Output } from '../output/output'
import type { ConnectorRef } from './connector-ref'

/**
 * The connector version `ref` names (the latest without one) and its operation `name`. The
 * connector is read first so that a missing connector or version is reported as such, and the
 * operation is looked up in the version that was actually found.
 */
export function readOperation(
  tray: TrayClient,
  out: Output,
  ref: ConnectorRef,
  name: string,
): Promise<{ connector: Connector; operation: Operation }> {
  return out.wait('Reading the operation', async () => {
    const connector = await tray.getConnector(ref.name, ref.version)
    return {
      connector,
      operation: await tray.getOperation(connector.name, connector.version, name),
    }
  })
}
