/** A JSON Schema node as it arrives from Tray: free-form, so every read is checked. */
export type SchemaNode = Record<string, unknown>

/** A JSON Schema `type` name. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

const JSON_TYPES: ReadonlySet<string> = new Set([
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'null',
])

/** Whether a value is a non-array object (a schema node, an input object). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The node's `type` as a list (a type array or a single name); empty when it says nothing. */
export function typesOf(node: SchemaNode): JsonType[] {
  const type = node.type
  const list = Array.isArray(type) ? type : [type]
  return list.filter((t): t is JsonType => typeof t === 'string' && JSON_TYPES.has(t))
}

/** The node's `properties`, or an empty object. */
export function propertiesOf(node: SchemaNode): Record<string, unknown> {
  return isObject(node.properties) ? node.properties : {}
}

/** The names in a string-list keyword such as `required` or Tray's `advanced`. */
export function namesIn(node: SchemaNode, keyword: 'required' | 'advanced'): string[] {
  const list = node[keyword]
  return Array.isArray(list) ? list.filter((name): name is string => typeof name === 'string') : []
}
