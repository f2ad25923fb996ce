import { findLookup, type LookupOption, missingDependencies } from '@traykit/core'
import { defineCommand } from 'citty'
import { parseConnectorRef } from '../client/connector-ref'
import { openClient } from '../client/open-client'
import { globalArgs } from '../global-args'
import { applySets } from '../input/apply-sets'
import { flagValues } from '../input/flag-values'
import { readInput } from '../input/read-input'
import { createOutput } from '../output/output'

/** `traykit lookup`: the options of a lookup field, from its DDL operation. */
export default defineCommand({
  args: {
    connector: {
      type: 'positional',
      required: true,
      description: 'Connector name, optionally @version (default: latest)',
    },
    operation: {
      type: 'positional',
      required: true,
      description: 'The operation whose field it is',
    },
    field: {
      type: 'positional',
      required: true,
      description: 'The field’s path, such as channel_id',
    },
    input: {
      type: 'string',
      valueHint: 'json|@file|-',
      description: 'Values of the fields the lookup depends on',
    },
    set: {
      type: 'string',
      valueHint: 'path=value',
      description: 'Set one input field, typed by the schema (repeatable)',
    },
    'auth-id': {
      type: 'string',
      valueHint: 'id',
      required: true,
      description: 'The end user’s authentication id',
    },
    ...globalArgs,
  },
  async run({ args, rawArgs }) {
    const out = createOutput(args)
    const ref = parseConnectorRef(args.connector)
    const given = await readInput(args.input)
    const tray = await openClient(args, out)
    const { connector, operation } = await out.wait('Reading the operation', async () => {
      const connector = await tray.getConnector(ref.name, ref.version)
      return {
        connector,
        operation: await tray.getOperation(connector.name, connector.version, args.operation),
      }
    })
    const input = applySets(given, flagValues(rawArgs, 'set'), operation.inputSchema)
    // Core refuses a field without a lookup, or one whose dependencies are empty, before any
    // call; only a lookup that will run gets the billing note.
    const lookup = findLookup(operation, args.field)
    if (lookup && missingDependencies(lookup, input).length === 0) {
      out.note(`This runs ${lookup.operation} and bills one Tray task.`)
    }
    const options = await out.wait(`Running ${lookup?.operation ?? 'the lookup'}`, () =>
      tray.resolveLookup({
        connector: connector.name,
        version: connector.version,
        operation: operation.name,
        field: args.field,
        input,
        authId: args['auth-id'],
      }),
    )
    if (out.json) return out.data({ result: options })
    if (options.length === 0) return out.note(`${args.field} has no options for this input.`)
    out.table(
      [
        { header: 'VALUE', value: (o: LookupOption) => out.colors.cyan(String(o.value)) },
        { header: 'TEXT', value: (o) => o.text },
      ],
      options,
    )
  },
})
