import * as v from 'valibot'
import { JsonObjectSchema } from './json-object'

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

export type CallResult = v.InferOutput<typeof CallResultSchema>
export type DdlResult = v.InferOutput<typeof DdlResultSchema>
export type LookupOption = DdlResult['result'][number]
