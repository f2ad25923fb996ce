import * as v from 'valibot'
import { TrayResponseError } from '../errors/tray-transport-errors'
import { TrayValidationError } from '../errors/tray-validation-error'
import { OutputSchemaResultSchema } from '../schemas/call-result'
import type { JsonObject } from '../schemas/json-object'
import type { CallOptions } from './client-options'
import type { TrayClient } from './tray-client'

/** Options of `getOutputSchema`: the end user's authentication, and whether to validate the input. */
export type GetOutputSchemaOptions = Pick<CallOptions, 'signal' | 'validate'> & {
  authId?: string | undefined
}

/**
 * The output schema an operation with dynamic output has for this input: a call with
 * `returnOutputSchema: true` (billed). Refuses, without a call, for an operation whose
 * output schema is static: its `outputSchema` already says it all.
 */
export async function getOutputSchema(
  tray: Pick<TrayClient, 'getOperation' | 'callConnector'>,
  connector: string,
  version: string,
  operation: string,
  input: JsonObject,
  opts: GetOutputSchemaOptions = {},
): Promise<JsonObject> {
  const found = await tray.getOperation(connector, version, operation, opts)
  if (!found.hasDynamicOutput) {
    const message = `${connector}@${version} ${operation} has no dynamic output: use its outputSchema`
    throw new TrayValidationError(`${message}; nothing was sent`, [{ path: 'operation', message }])
  }
  const payload = { operation, input, returnOutputSchema: true }
  const output = await tray.callConnector(
    connector,
    version,
    opts.authId === undefined ? payload : { ...payload, authId: opts.authId },
    { validate: opts.validate, signal: opts.signal },
  )
  const parsed = v.safeParse(OutputSchemaResultSchema, output)
  if (!parsed.success) {
    throw new TrayResponseError(`${operation} did not return an object at output.output_schema`, {
      status: 200,
      path: 'output.output_schema',
    })
  }
  return parsed.output.output_schema
}
