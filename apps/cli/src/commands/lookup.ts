import { findLookup, type LookupOption, missingDependencies } from '@traykit/core'
import { defineCommand } from 'citty'
import { openOperation } from '../client/open-operation'
import { globalArgs } from '../global-args'
import { inputArgs } from '../input/input-args'
import { operationArgs } from '../operation-args'
import { createOutput } from '../output/output'

/** `traykit lookup`: the options of a lookup field, from its DDL operation. */
export default defineCommand({
  args: {
    ...operationArgs,
    operation: { ...operationArgs.operation, description: 'The operation whose field it is' },
    field: {
      type: 'positional',
      required: true,
      description: 'The field’s path, such as channel_id',
    },
    ...inputArgs('Values of the fields the lookup depends on'),
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
    const { tray, connector, operation, input } = await openOperation(args, rawArgs, out)
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
