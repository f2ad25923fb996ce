import { setField } from './_field-path'
import { isObject } from './_json-schema'

/** Deeper than the input bounds let an input go: past it, nothing is trimmed. */
const MAX_TRIM_DEPTH = 256

/**
 * The input as the validator should see it: in every object whose schema forbids other fields
 * (`additionalProperties: false`), only the first `budget` unknown fields of the whole input are
 * kept, and the look for unknown fields stops there. The validator itself walks every field of
 * such an object and makes an error of each, seconds for 80 000 of them; past the budget, those
 * errors would not be listed anyway. A trimmed object keeps at least one unknown field where it
 * had one or more, or another one was kept before it, so the input is valid exactly when the
 * trimmed one is. Objects and arrays are copied only on the way to a trimmed object.
 *
 * Follows the schema through `properties` and single-schema `items` only: the keywords applied
 * to every value. Nodes with a `$ref` (which draft 7 reads alone) are left to the validator.
 */
export function trimUnknownFields(input: unknown, schema: unknown, budget: number): unknown {
  return trim(input, schema, { left: budget }, 0)
}

function trim(value: unknown, schema: unknown, budget: { left: number }, depth: number): unknown {
  if (typeof value !== 'object' || value === null || !isObject(schema)) return value
  if (depth > MAX_TRIM_DEPTH || '$ref' in schema || '$recursiveRef' in schema) return value
  if (Array.isArray(value)) {
    const items = schema.items
    if (!isObject(items)) return value
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      const trimmed = trim(item, items, budget, depth + 1)
      if (trimmed !== item) {
        copy ??= value.slice()
        copy[i] = trimmed
      }
    }
    return copy ?? value
  }
  const object = value as Record<string, unknown>
  const properties = isObject(schema.properties) ? schema.properties : {}
  // The known fields, found from the schema's side: as many as the schema names, however many
  // the object has.
  const known: Array<[string, unknown]> = []
  let childChanged = false
  for (const name of Object.keys(properties)) {
    if (!Object.hasOwn(object, name)) continue
    const child = object[name]
    const trimmed = trim(child, properties[name], budget, depth + 1)
    if (trimmed !== child) childChanged = true
    known.push([name, trimmed])
  }
  if (isClosed(schema)) {
    const kept: string[] = []
    let cut = false
    for (const key in object) {
      if (!Object.hasOwn(object, key) || Object.hasOwn(properties, key)) continue
      if (budget.left === 0) {
        cut = true
        break
      }
      budget.left--
      kept.push(key)
    }
    if (cut || childChanged) {
      const copy: Record<string, unknown> = {}
      for (const [name, child] of known) setField(copy, name, child)
      for (const key of kept) setField(copy, key, object[key])
      return copy
    }
    return value
  }
  if (!childChanged) return value
  // An open object on the way to a trimmed one: copied whole, its other fields included.
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(object)) setField(copy, key, object[key])
  for (const [name, child] of known) setField(copy, name, child)
  return copy
}

/**
 * Whether a (prepared) schema forbids every field it does not name: `additionalProperties: false`
 * (prepared as `{ not: {} }`), with no `patternProperties` or `unevaluatedProperties` that could
 * allow a field by another rule.
 */
function isClosed(schema: Record<string, unknown>): boolean {
  if ('patternProperties' in schema || 'unevaluatedProperties' in schema) return false
  const extra = schema.additionalProperties
  if (extra === false) return true
  if (!isObject(extra)) return false
  const keys = Object.keys(extra)
  return keys.length === 1 && isObject(extra.not) && Object.keys(extra.not).length === 0
}
