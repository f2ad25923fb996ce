import * as v from 'valibot'
import { TrayValidationError } from '../errors/tray-validation-error'

/** The value parsed by `schema`, or a `TrayValidationError` naming each problem (nothing sent). */
export function parseOrReject<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  summary: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  throw new TrayValidationError(
    `${summary}; nothing was sent`,
    result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })),
  )
}
