import type { JsonObject } from '../schemas/json-object'
import { readField } from './_field-path'
import type { FieldLookup } from './get-lookups'

/**
 * The fields a lookup depends on that are still empty (`undefined`, `null` or `''`) in the
 * input: while any is, the lookup cannot run.
 *
 * @example
 * missingDependencies(channelLookup, {}) // ['workspace_id']
 */
export function missingDependencies(
  lookup: Pick<FieldLookup, 'dependsOn'>,
  input: JsonObject,
): string[] {
  return lookup.dependsOn.filter((name) => {
    const value = readField(input, name)
    return value === undefined || value === null || value === ''
  })
}
