import { findLookup, type LookupOption, missingDependencies } from '@traykit/core'
import { defineCommand } from 'citty'
import { MOCK_AUTH_ID } from '../client/create-cli-mock'
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
      description: 'The end user’s authentication id (with --mock: the mock’s own)',
    },
    ...globalArgs,
  },
  async run({ args, rawArgs }) {
    const out = createOutput(args)
    const { tray, connector, operation, input } = await openOperation(args, rawArgs, out)
    // Core refuses a field without a lookup, or one whose dependencies are empty, before any
    // call; only a lookup that will run gets the billing note.
    const lookup = findLookup(operation, args.field)
    // Tray takes a DDL call without an authentication (a service that needs one fails there);
    // the mock's services do need one, and it holds exactly one.
    let authId = args['auth-id']
    if (authId === undefined && args.mock) {
      authId = MOCK_AUTH_ID
      out.note(`Using the mock's authentication ${MOCK_AUTH_ID} (no --auth-id given).`)
    }
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
        authId,
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
