import {
  type Connector,
  type Operation,
  suggest,
  type TrayClient,
  TrayNotFoundError,
} from '@traykit/core'
import { SuggestedError } from '../cli-error'
import { rememberNames } from '../completion/completion-cache'
import type { Output } from '../output/output'
import type { ConnectorRef } from './connector-ref'

/**
 * The connector version `ref` names (the latest without one); a name or version the server
 * lacks fails with the nearest one it has ("Did you mean …?").
 */
export async function readConnector(tray: TrayClient, ref: ConnectorRef): Promise<Connector> {
  try {
    return await tray.getConnector(ref.name, ref.version)
  } catch (error) {
    throw await withSuggestion(error, async () => {
      const names = new Set((await tray.listConnectors()).map((c) => c.name))
      if (!names.has(ref.name)) return [ref.name, names]
      if (ref.version === undefined) return undefined
      const versions = await tray.listConnectorVersions(ref.name)
      return [ref.version, versions.map((c) => c.version)]
    })
  }
}

/**
 * The connector version `ref` names (the latest without one) and its operation `name`. The
 * connector is read first so that a missing connector or version is reported as such, and the
 * operation is looked up in the version that was actually found. With `remember`, the names
 * are kept for shell completion.
 */
export function readOperation(
  tray: TrayClient,
  out: Output,
  ref: ConnectorRef,
  name: string,
  options: { remember: boolean },
): Promise<{ connector: Connector; operation: Operation }> {
  return out.wait('Reading the operation', async () => {
    const connector = await readConnector(tray, ref)
    try {
      const operation = await tray.getOperation(connector.name, connector.version, name)
      if (options.remember) {
        // getOperation read the whole list: this one is from the catalog cache, free.
        const operations = await tray.listOperations(connector.name, connector.version)
        await rememberNames(out.io.env, {
          operations: [connector.name, operations.map((op) => op.name)],
        })
      }
      return { connector, operation }
    } catch (error) {
      throw await withSuggestion(error, async () => {
        const operations = await tray.listOperations(connector.name, connector.version)
        return [name, operations.map((op) => op.name)]
      })
    }
  })
}

/**
 * `error` with the nearest name added, when it is a 404 and `candidates` finds one: the word
 * typed and the names the server has. Listing them is a free catalog read (cached); should it
 * fail, the 404 is reported as it is.
 */
async function withSuggestion(
  error: unknown,
  candidates: () => Promise<[word: string, names: Iterable<string>] | undefined>,
): Promise<unknown> {
  if (!(error instanceof TrayNotFoundError)) return error
  try {
    const found = await candidates()
    const near = found && suggest(found[0], found[1])
    return near && near !== found[0] ? new SuggestedError(error, near) : error
  } catch {
    return error
  }
}
