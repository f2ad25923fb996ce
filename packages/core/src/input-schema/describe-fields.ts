import type { Operation } from '../schemas/operation'
import { type JsonType, typesOf } from './_json-schema'
import { copyJson } from './_templates'
import { walkFields } from './_walk-fields'
import { type FieldLookup, lookupOf } from './get-lookups'

/** One field of an operation's input, as a form renders it. */
export interface FieldDescription {
  /** Dotted path from the input's root; array items are `*` (`data.*.column_heading`). */
  path: string
  /** The allowed JSON types (a type array gives several); empty when the schema does not say. */
  type: JsonType[]
  title: string | undefined
  description: string | undefined
  /** Listed in its parent object's `required`: needed whenever the parent is sent. */
  required: boolean
  /** Listed in its parent object's `advanced`: Tray shows it behind "more". */
  advanced: boolean
  enum: unknown[] | undefined
  /** Tray's display labels for `enum`, in the same order. */
  enumLabels: string[] | undefined
  default: unknown
  /** Where the field's options come from, if a DDL provides them. */
  lookup: FieldLookup | undefined
}

/**
 * A flat form model of an operation's input: every field, nested ones included, in schema
 * order, each before the fields inside it.
 *
 * @example
 * describeFields(getRows).map((f) => f.path)
 * // ['worksheet_name', 'spreadsheet_id', 'filter', 'filter.column_heading', 'filter.operator', …]
 */
export function describeFields(operation: Operation): FieldDescription[] {
  return walkFields(operation.inputSchema).map(({ path, schema, required, advanced }) => ({
    path,
    type: typesOf(schema),
    title: typeof schema.title === 'string' ? schema.title : undefined,
    description: typeof schema.description === 'string' ? schema.description : undefined,
    required,
    advanced,
    enum: Array.isArray(schema.enum) ? (copyJson(schema.enum) as unknown[]) : undefined,
    enumLabels: Array.isArray(schema.enumLabels) ? schema.enumLabels.map(String) : undefined,
    default: copyJson(schema.default),
    lookup: lookupOf(schema, path),
  }))
}
