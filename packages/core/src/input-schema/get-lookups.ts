import type { JsonObject } from '../schemas/json-object'
import type { Operation } from '../schemas/operation'
import { isObject, type SchemaNode } from './_json-schema'
import { copyJson, templateNames } from './_templates'
import { walkFields } from './_walk-fields'

/** A field whose options come from a DDL operation, and what that DDL needs. */
export interface FieldLookup {
  /** The field's dotted path; array items are `*` (`data.*.column_heading`). */
  path: string
  /** The DDL operation to call (Tray spells the key `message` or `operation`). */
  operation: string
  /** The DDL's input, with `{{field}}` / `{{{field}}}` templates still in it. */
  input: JsonObject
  /** The fields of the input the templates name: each needs a value before the DDL can run. */
  dependsOn: string[]
}

/**
 * Every field with a `lookup`, at any depth (nested objects, array items), in schema order.
 *
 * @example
 * getLookups(sendMessage)
 * // [{ path: 'channel_id', operation: 'list_channels_ddl',
 * //    input: { include_private_channels: false, workspace_id: '{{{workspace_id}}}' },
 * //    dependsOn: ['workspace_id'] }, …]
 */
export function getLookups(operation: Operation): FieldLookup[] {
  return walkFields(operation.inputSchema).flatMap(
    (field) => lookupOf(field.schema, field.path) ?? [],
  )
}

/**
 * The lookup of one field, by its path as `getLookups` gives it or with array indexes
 * (`data.0.column_heading` finds `data.*.column_heading`).
 */
export function findLookup(operation: Operation, path: string): FieldLookup | undefined {
  const wanted = path.split('.')
  return getLookups(operation).find((lookup) => {
    const segments = lookup.path.split('.')
    return (
      segments.length === wanted.length &&
      segments.every(
        (segment, i) => segment === wanted[i] || (segment === '*' && /^\d+$/.test(wanted[i]!)),
      )
    )
  })
}

/** A schema node's `lookup` in one shape, whichever spelling Tray used; undefined without one. */
export function lookupOf(node: SchemaNode, path: string): FieldLookup | undefined {
  const lookup = node.lookup
  if (!isObject(lookup)) return undefined
  const operation = typeof lookup.message === 'string' ? lookup.message : lookup.operation
  if (typeof operation !== 'string' || operation === '') return undefined
  const input = isObject(lookup.input) ? (copyJson(lookup.input) as JsonObject) : {}
  return { path, operation, input, dependsOn: templateNames(input) }
}
