import * as v from 'valibot'

/**
 * The body of every non-2xx answer from Tray. The OpenAPI file types `code` as a string, but
 * Tray's documented 400 carries `"code": null`, so null is accepted.
 */
export const ErrorBodySchema = v.looseObject({
  message: v.string(),
  code: v.optional(v.nullable(v.string())),
})

export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>
