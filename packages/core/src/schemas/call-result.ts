import * as v from 'valibot'
import { type JsonObject, JsonObjectSchema } from './json-object'

/** `PublicConnectorCallResult`: a 200 from the call endpoint, success or third-party error. */
export const CallResultSchema = v.looseObject({
  outcome: v.picklist(['success', 'error']),
  output: JsonObjectSchema,
})

/** A DDL operation's output: the options of a dynamic drop-down. */
export const DdlResultSchema = v.looseObject({
  result: v.array(
    v.looseObject({
      text: v.string(),
      value: v.union([v.string(), v.number()]),
    }),
  ),
})

/** A dynamic-output call made with `returnOutputSchema: true`. */
export const OutputSchemaResultSchema = v.looseObject({
  output_schema: JsonObjectSchema,
})

/**
 * A call's result, as `callConnector(…, { throwOnError: false })` returns it: the output typed as
 * `TOutput` on success, the third party's error output otherwise.
 */
export type CallResult<TOutput extends object = JsonObject> =
  | { outcome: 'success'; output: TOutput }
  | { outcome: 'error'; output: JsonObject }
export type DdlResult = v.InferOutput<typeof DdlResultSchema>
export type LookupOption = DdlResult['result'][number]
