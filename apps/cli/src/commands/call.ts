import {
  assertValidInput,
  type CallPayload,
  type CallResult,
  parseCallPayload,
  TrayConnectorError,
  TrayValidationError,
} from '@traykit/core'
import { defineCommand } from 'citty'
import { openOperation } from '../client/open-operation'
import { operationTypeNames } from '../generate/type-names'
import { globalArgs } from '../global-args'
import { inputArgs } from '../input/input-args'
import { operationArgs } from '../operation-args'
import { createOutput } from '../output/output'

/** `traykit call`: validate an input locally, then run the operation (one billed task). */
export default defineCommand({
  args: {
    ...operationArgs,
    ...inputArgs('The input: JSON, @file.json, or - for stdin'),
    'auth-id': { type: 'string', valueHint: 'id', description: 'The end user’s authentication id' },
    'dry-run': { type: 'boolean', description: 'Validate and print the payload; send nothing' },
    'output-schema': {
      type: 'boolean',
      description: 'Return the output schema for this input (dynamic output)',
    },
    ...globalArgs,
  },
  async run({ args, rawArgs }) {
    const out = createOutput(args)
    const { tray, connector, operation, input } = await openOperation(args, rawArgs, out)
    const target = `${connector.name}@${connector.version} ${operation.name}`
    const payload = checkPayload({
      operation: operation.name,
      input,
      ...(args['auth-id'] ? { authId: args['auth-id'] } : {}),
      ...(args['output-schema'] ? { returnOutputSchema: true } : {}),
    })
    assertValidInput(operation, payload.input, `${connector.name}@${connector.version}`)
    const types = operationTypeNames(connector.name, connector.version, operation.name)
    out.note(
      `TypeScript types: ${types.input} → ${types.output} (traykit generate types ${connector.name}@${connector.version})`,
    )
    if (args['dry-run']) {
      out.note(`Input for ${target} is valid; nothing was sent (dry run).`)
      return out.data(payload)
    }
    if (args['output-schema']) {
      if (!operation.hasDynamicOutput) {
        // Tray computes output schemas only for dynamic operations: the static one is free.
        out.note(`${target} has a static output schema; printed without a call.`)
        return out.data({ output_schema: operation.outputSchema })
      }
      out.note(`This call bills one Tray task (${target}).`)
      const schema = await out.wait(`Calling ${target}`, () =>
        tray.getOutputSchema(connector.name, connector.version, operation.name, payload.input, {
          authId: payload.authId,
          validate: false,
        }),
      )
      return out.data({ output_schema: schema })
    }
    out.note(`This call bills one Tray task (${target}).`)
    const result: CallResult = await out.wait(`Calling ${target}`, () =>
      tray.callConnector(connector.name, connector.version, payload, {
        throwOnError: false,
        validate: false,
      }),
    )
    if (out.json) out.data(result)
    if (result.outcome === 'error') {
      throw new TrayConnectorError(result.output, {
        connector: connector.name,
        operation: operation.name,
      })
    }
    if (!out.json) out.data(result.output)
  },
})

/**
 * The call payload, checked by core's strict check (the same as callConnector's and the edge's):
 * an auth id that is not a UUID, say, is refused naming the flag it came from.
 */
function checkPayload(payload: CallPayload): CallPayload {
  try {
    return parseCallPayload(payload)
  } catch (error) {
    if (!(error instanceof TrayValidationError)) throw error
    throw new TrayValidationError(
      'Invalid call; nothing was sent',
      error.issues.map((issue) => ({ ...issue, path: flagOf(issue.path) })),
    )
  }
}

function flagOf(path: string): string {
  return path === 'authId' ? '--auth-id' : path
}
