import type { Connector, JsonObject, Operation, TrayClient } from '@traykit/core'
import type { GlobalArgs } from '../global-args'
import { applySets } from '../input/apply-sets'
import { flagValues } from '../input/flag-values'
import { readInput } from '../input/read-input'
import type { Output } from '../output/output'
import { parseConnectorRef } from './connector-ref'
import { openClient } from './open-client'
import { readOperation } from './read-operation'

/** The parsed command line of a command that sends an operation's input. */
export type OperationInputArgs = GlobalArgs & {
  connector: string
  operation: string
  input?: string | undefined
}

/** A client, the operation the command line names, and its input from `--input` and `--set`. */
export interface OpenedOperation {
  tray: TrayClient
  connector: Connector
  operation: Operation
  input: JsonObject
}

/**
 * Reads what `call` and `lookup` start from. The order is the point: a malformed
 * `<connector>[@version]` or `--input` is reported before credentials are looked for, and
 * `--set` values are typed by the schema of the operation actually found.
 */
export async function openOperation(
  args: OperationInputArgs,
  rawArgs: string[],
  out: Output,
): Promise<OpenedOperation> {
  const ref = parseConnectorRef(args.connector)
  const given = await readInput(args.input)
  const tray = await openClient(args, out)
  const { connector, operation } = await readOperation(tray, out, ref, args.operation, {
    remember: !args.mock,
  })
  const input = applySets(given, flagValues(rawArgs, 'set'), operation.inputSchema)
  return { tray, connector, operation, input }
}
