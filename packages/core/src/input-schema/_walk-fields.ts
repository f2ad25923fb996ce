import { joinPath } from './_field-path'
import { isObject, namesIn, propertiesOf, type SchemaNode } from './_json-schema'

/** One field of a schema, found by `walkFields`. */
export interface WalkedField {
  /** Dotted path from the input's root; an array's items are `*` (`data.*.column_heading`). */
  path: string
  schema: SchemaNode
  /** Listed in its parent object's `required`. */
  required: boolean
  /** Listed in its parent object's `advanced` (Tray's "show behind more"). */
  advanced: boolean
}

// Far deeper than any form; it only stops a pathological schema from exhausting the stack.
const MAX_DEPTH = 64

/**
 * Every field of a schema in schema order, each before the fields inside it: the properties of
 * objects at any depth, and the items of arrays (a tuple's items by index).
 */
export function walkFields(root: SchemaNode): WalkedField[] {
  const fields: WalkedField[] = []
  visit(root, '', 0, fields)
  return fields
}

function visit(node: SchemaNode, path: string, depth: number, fields: WalkedField[]): void {
  if (depth > MAX_DEPTH) return
  const required = new Set(namesIn(node, 'required'))
  const advanced = new Set(namesIn(node, 'advanced'))
  for (const [key, schema] of Object.entries(propertiesOf(node))) {
    add(fields, joinPath(path, key), schema, required.has(key), advanced.has(key), depth)
  }
  const items = node.items
  if (Array.isArray(items)) {
    for (const [i, item] of items.entries())
      add(fields, joinPath(path, String(i)), item, false, false, depth)
  } else {
    add(fields, joinPath(path, '*'), items, false, false, depth)
  }
}

function add(
  fields: WalkedField[],
  path: string,
  schema: unknown,
  required: boolean,
  advanced: boolean,
  depth: number,
): void {
  // `true` (anything goes) and `false` (nothing may be sent) have no form to render.
  if (!isObject(schema)) return
  fields.push({ path, schema, required, advanced })
  visit(schema, path, depth + 1, fields)
}
