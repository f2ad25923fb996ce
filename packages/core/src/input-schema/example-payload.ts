import type { JsonObject } from '../schemas/json-object'
import type { Operation } from '../schemas/operation'
import { setField } from './_field-path'
import {
  isObject,
  type JsonType,
  namesIn,
  propertiesOf,
  type SchemaNode,
  typesOf,
} from './_json-schema'
import { jsonText } from './_json-text'
import { copyJson } from './_templates'

// Values that pass the validator's check of each format.
const FORMAT_EXAMPLES: Record<string, string> = {
  date: '2024-01-31',
  'date-time': '2024-01-31T09:00:00Z',
  time: '09:00:00Z',
  duration: 'P1D',
  email: 'user@example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com',
  'uri-reference': 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
}
const MAX_DEPTH = 64
// A schema may ask for any length; an example past these is cut short (and then fails the check).
const MAX_EXAMPLE_LENGTH = 10_000
const MAX_EXAMPLE_ITEMS = 1_000

/**
 * A call payload holding the operation's required fields (and the required fields inside
 * them) with placeholder values of the right type, like Tray's Operations Explorer: a field's
 * `const`, else its `default`, else its first `enum` value, else `'<field_name>'`, `0`, `false`…
 * within the field's bounds; a required array gets one example item (or `minItems` of them).
 *
 * @example
 * examplePayload(getRows)
 * // { operation: 'get_rows',
 * //   input: { spreadsheet_id: '<spreadsheet_id>', worksheet_name: '<worksheet_name>', number_of_rows: 100 } }
 */
export function examplePayload(operation: Operation): { operation: string; input: JsonObject } {
  return { operation: operation.name, input: exampleObject(operation.inputSchema, 0) }
}

function exampleObject(node: SchemaNode, depth: number): JsonObject {
  const properties = propertiesOf(node)
  const input: JsonObject = {}
  for (const key of namesIn(node, 'required')) {
    const schema = properties[key]
    setField(input, key, exampleValue(isObject(schema) ? schema : {}, key, depth + 1))
  }
  return input
}

function exampleValue(node: SchemaNode, name: string, depth: number): unknown {
  const types = typesOf(node)
  if ('const' in node) return copyJson(node.const)
  if (node.default !== undefined && fits(node.default, node, types)) return copyJson(node.default)
  if (Array.isArray(node.enum) && node.enum.length > 0) return copyJson(node.enum[0])
  const alternatives = node.anyOf ?? node.oneOf
  if (Array.isArray(alternatives) && isObject(alternatives[0]) && depth <= MAX_DEPTH) {
    const rest = Object.fromEntries(
      Object.entries(node).filter(([key]) => key !== 'anyOf' && key !== 'oneOf'),
    )
    return exampleValue({ ...rest, ...alternatives[0] }, name, depth + 1)
  }
  const type = types.find((t) => t !== 'null') ?? types[0] ?? inferType(node)
  switch (type) {
    case 'string':
      return exampleString(node, name)
    case 'integer':
    case 'number':
      return exampleNumber(node, type === 'integer')
    case 'boolean':
      return false
    case 'null':
      return null
    case 'object':
      return depth > MAX_DEPTH ? {} : exampleObject(node, depth)
    case 'array':
      return exampleArray(node, name, depth)
  }
}

function inferType(node: SchemaNode): JsonType {
  if (isObject(node.properties) || Array.isArray(node.required)) return 'object'
  return node.items === undefined ? 'string' : 'array'
}

// A schema's `default` need not be valid (JSON Schema does not check it): an example must be.
function fits(value: unknown, node: SchemaNode, types: readonly JsonType[]): boolean {
  const text = jsonText(value)
  if (text === undefined) return false
  if (Array.isArray(node.enum) && !node.enum.some((option) => jsonText(option) === text)) {
    return false
  }
  if (types.length === 0) return true
  return types.some((type) => {
    switch (type) {
      case 'integer':
        return Number.isInteger(value)
      case 'number':
        return typeof value === 'number'
      case 'null':
        return value === null
      case 'array':
        return Array.isArray(value)
      case 'object':
        return isObject(value)
      default:
        return typeof value === type
    }
  })
}

function exampleString(node: SchemaNode, name: string): string {
  const format = node.format
  if (typeof format === 'string' && Object.hasOwn(FORMAT_EXAMPLES, format)) {
    return FORMAT_EXAMPLES[format]!
  }
  // Lengths count code points, as JSON Schema does.
  const chars = Array.from(`<${name}>`)
  const min = typeof node.minLength === 'number' ? node.minLength : 0
  const max = typeof node.maxLength === 'number' ? node.maxLength : Number.POSITIVE_INFINITY
  while (chars.length < Math.min(min, MAX_EXAMPLE_LENGTH)) chars.push('x')
  return chars.slice(0, Math.max(max, 0)).join('')
}

function exampleNumber(node: SchemaNode, integer: boolean): number {
  const low = bound(node, 'minimum', 'exclusiveMinimum')
  const high = bound(node, 'maximum', 'exclusiveMaximum')
  let value = 0
  if (low && (value < low.value || (low.exclusive && value <= low.value))) {
    if (!low.exclusive) value = integer ? Math.ceil(low.value) : low.value
    else if (integer) value = Math.floor(low.value) + 1
    else value = high ? (low.value + high.value) / 2 : low.value + 1
  }
  if (high && (value > high.value || (high.exclusive && value >= high.value))) {
    if (!high.exclusive) value = integer ? Math.floor(high.value) : high.value
    else if (integer) value = Math.ceil(high.value) - 1
    else value = low ? (low.value + high.value) / 2 : high.value - 1
  }
  const step = node.multipleOf
  if (typeof step === 'number' && step > 0) {
    value = Math.ceil(value / step) * step
    if (high && (value > high.value || (high.exclusive && value >= high.value))) value -= step
    // Decimal steps (0.1) leave binary noise (0.30000000000000004) that is no longer a multiple.
    value = Number(value.toPrecision(12))
  }
  return value
}

/** The tighter of a schema's inclusive and exclusive bound, in draft-04 or draft-07 spelling. */
function bound(
  node: SchemaNode,
  inclusive: 'minimum' | 'maximum',
  exclusive: 'exclusiveMinimum' | 'exclusiveMaximum',
): { value: number; exclusive: boolean } | undefined {
  const limit = node[inclusive]
  const flag = node[exclusive]
  const bounds: { value: number; exclusive: boolean }[] = []
  if (typeof limit === 'number') bounds.push({ value: limit, exclusive: flag === true })
  if (typeof flag === 'number') bounds.push({ value: flag, exclusive: true })
  const sign = inclusive === 'minimum' ? 1 : -1
  return bounds.sort(
    (a, b) => sign * (b.value - a.value) || Number(b.exclusive) - Number(a.exclusive),
  )[0]
}

function exampleArray(node: SchemaNode, name: string, depth: number): unknown[] {
  // One item even where none is needed, so the example shows what an item looks like.
  const min = typeof node.minItems === 'number' ? node.minItems : 0
  const max = typeof node.maxItems === 'number' ? node.maxItems : Number.POSITIVE_INFINITY
  const count = Math.min(Math.max(min, 1), max, MAX_EXAMPLE_ITEMS)
  const items = node.items
  return Array.from({ length: count }, (_, i) => {
    const item = Array.isArray(items) ? items[i] : items
    return depth > MAX_DEPTH ? null : exampleValue(isObject(item) ? item : {}, name, depth + 1)
  })
}
