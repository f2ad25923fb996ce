import * as v from 'valibot'

/**
 * A free-form JSON object. Tray's OpenAPI file declares schema-valued fields (input and output
 * schemas, a call's output, credentials) with an `additionalProperties` rule that rejects Tray's
 * own examples, so they are accepted as any object here (see TRAY_API.md, "A known defect").
 */
export const JsonObjectSchema = v.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'must be a JSON object',
)

/** A free-form JSON object, as received from Tray. */
export type JsonObject = v.InferOutput<typeof JsonObjectSchema>
