import * as v from 'valibot'
import { JsonObjectSchema } from './json-object'

/** `PublicConnectorOperation`: one operation of a connector version, with its JSON Schemas. */
export const OperationSchema = v.looseObject({
  name: v.string(),
  title: v.string(),
  description: v.string(),
  inputSchema: JsonObjectSchema,
  outputSchema: JsonObjectSchema,
  hasDynamicOutput: v.boolean(),
  authScopes: v.optional(v.array(v.string())),
})

/** `PublicConnectorOperationList`: the body of `GET .../versions/{version}/operations`. */
export const OperationListSchema = v.looseObject({
  elements: v.array(OperationSchema),
})

export type Operation = v.InferOutput<typeof OperationSchema>
export type OperationList = v.InferOutput<typeof OperationListSchema>
