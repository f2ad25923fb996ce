import * as v from 'valibot'
import { JsonObjectSchema } from './json-object'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An authentication id as Tray accepts it (a UUID; Tray answers 400 to anything else). */
export const AuthIdSchema = v.pipe(v.string(), v.regex(UUID, 'must be a UUID'))

/**
 * `PublicConnectorCallPayload`: the body of `POST .../versions/{version}/call`. Its type has no
 * other keys, so a typo such as `authID` is a type error; `parseCallPayload` refuses one at runtime.
 */
export const CallPayloadSchema = v.object({
  operation: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  input: JsonObjectSchema,
  authId: v.optional(AuthIdSchema),
  returnOutputSchema: v.optional(v.boolean()),
})

export type CallPayload = v.InferOutput<typeof CallPayloadSchema>
