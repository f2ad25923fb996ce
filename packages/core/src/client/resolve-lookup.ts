import * as v from 'valibot'
import { TrayResponseError } from '../errors/tray-transport-errors'
import { TrayValidationError } from '../errors/tray-validation-error'
import { fillLookupInput } from '../input-schema/fill-lookup-input'
import { findLookup, getLookups } from '../input-schema/get-lookups'
import { missingDependencies } from '../input-schema/missing-dependencies'
import { DdlResultSchema, type LookupOption } from '../schemas/call-result'
import type { JsonObject } from '../schemas/json-object'
import type {
  ConnectorNameArg,
  ConnectorVersionArg,
  OperationNameArg,
  TypedLookupParams,
} from '../typed/operation-types'
import type { RequestOptions } from './client-options'
import type { TrayClient } from './tray-client'

/** Which field's options to fetch, and the form's current input. */
export interface ResolveLookupParams {
  connector: string
  version: string
  /** The operation whose form holds the field. */
  operation: string
  /** The field's path (`channel_id`, `filter.column_heading`, `data.0.column_heading`). */
  field: string
  /** The form's current input: the lookup's templates are filled from it. */
  input?: JsonObject | undefined
  /** The end user's authentication; the DDL runs with it. */
  authId?: string | undefined
}

/** Options of `resolveLookup`. */
export interface ResolveLookupOptions extends RequestOptions {
  /**
   * Retry the DDL like a read after a 5xx, a timeout or a broken connection. Default true: a DDL
   * only reads. Each retry may bill a task; `false` sends it at most once (bar a 429 or a
   * connection that failed before sending, which cannot have run).
   */
  idempotent?: boolean | undefined
}

/**
 * Runs a field's DDL operation with the current input and returns its options. Refuses,
 * without a network call, while a field the lookup depends on is empty. Runs as a billed call,
 * retried like a read unless `idempotent: false`.
 *
 * @example
 * const options = await resolveLookup(tray, {
 *   connector: 'slack', version: '9.1', operation: 'send_message', field: 'channel',
 *   input: { workspace_id: 'T0000ACME' }, authId,
 * })
 */
export async function resolveLookup<
  C extends ConnectorNameArg = string,
  V extends ConnectorVersionArg<C> = string,
  O extends OperationNameArg<C, V> = OperationNameArg<C, V>,
>(
  tray: Pick<TrayClient, 'getOperation' | 'callConnector'>,
  typedParams: TypedLookupParams<C, V, O>,
  opts: ResolveLookupOptions = {},
): Promise<LookupOption[]> {
  // Typed for a registered connector version (its fields and input), the same object at run time.
  const params = typedParams as ResolveLookupParams
  const { connector, version, field, authId } = params
  const input = params.input ?? {}
  const operation = await tray.getOperation(connector, version, params.operation, opts)
  const lookup = findLookup(operation, field)
  if (!lookup) {
    const fields = getLookups(operation).map((l) => l.path)
    throw new TrayValidationError(`${field} has no lookup in ${operation.name}; nothing was sent`, [
      {
        path: field,
        message: fields.length
          ? `has no lookup; the fields with one are ${fields.join(', ')}`
          : `${operation.name} has no field with a lookup`,
      },
    ])
  }
  const missing = missingDependencies(lookup, input)
  if (missing.length > 0) {
    throw new TrayValidationError(
      `The options of ${field} depend on ${missing.join(', ')}: fill ${missing.length > 1 ? 'them' : 'it'} in first; nothing was sent`,
      missing.map((name) => ({
        path: name,
        message: `${name} is needed to list the options of ${field}`,
      })),
    )
  }
  const payload = { operation: lookup.operation, input: fillLookupInput(lookup, input) }
  // DDL operations are often not in the operations list, and their input comes from the
  // schema itself, so there is nothing to validate against.
  const output = await tray.callConnector(
    connector,
    version,
    authId === undefined ? payload : { ...payload, authId },
    // A DDL only reads, so it is retried as a read is (each retry may bill a task).
    { validate: false, signal: opts.signal, idempotent: opts.idempotent !== false },
  )
  const parsed = v.safeParse(DdlResultSchema, output)
  if (!parsed.success) {
    const path = v.getDotPath(parsed.issues[0]) ?? ''
    throw new TrayResponseError(
      `${lookup.operation} did not return DDL options ({ result: [{ text, value }] }) at output.${path}`,
      { status: 200, path: `output.${path}` },
    )
  }
  return parsed.output.result
}
