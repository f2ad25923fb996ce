import type { JsonObject } from '../schemas/json-object'
import { fillTemplates } from './_templates'
import type { FieldLookup } from './get-lookups'

/**
 * The input to send to a lookup's DDL, its templates filled from the form's current input.
 * A template that is the whole string takes the field's value with its type; one inside a
 * longer string is written in as text.
 *
 * @example
 * fillLookupInput(channelLookup, { workspace_id: 'T123' })
 * // { include_private_channels: false, workspace_id: 'T123' }
 */
export function fillLookupInput(lookup: Pick<FieldLookup, 'input'>, input: JsonObject): JsonObject {
  return fillTemplates(lookup.input, input) as JsonObject
}
