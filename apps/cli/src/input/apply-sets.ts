import type { JsonObject } from '@traykit/core'
import { usageError } from '../cli-error'
import { parseJson } from './parse-json'

type Schema = Record<string, unknown>
type Container = Record<string, unknown> | unknown[]

const TYPE_ORDER = ['integer', 'number', 'boolean', 'null', 'object', 'array']

/**
 * Applies `--set path=value` assignments to an input. Dotted paths create nested objects
 * (or arrays, where the schema has one and the segment is an index), and each value is typed
 * by the input schema at its path: numbers, booleans, JSON for objects and arrays, text for
 * strings. Where the schema says nothing, a value that is JSON is taken as JSON, else as text.
 */
export function applySets(
  input: JsonObject,
  assignments: string[],
  inputSchema: JsonObject,
): JsonObject {
  const result = structuredClone(input)
  for (const assignment of assignments) applySet(result, assignment, inputSchema)
  return result
}

function applySet(input: JsonObject, assignment: string, root: Schema): void {
  const eq = assignment.indexOf('=')
  if (eq <= 0)
    throw usageError(`--set expects path=value, such as --set channel=C123; got "${assignment}"`)
  const path = assignment.slice(0, eq)
  const keys = path.split('.')
  if (keys.includes('')) throw usageError(`--set ${path}: the path has an empty segment`)
  let container: Container = input
  let schema: Schema | undefined = root
  for (const [i, key] of keys.entries()) {
    if (Array.isArray(container) && !/^\d+$/.test(key)) {
      throw usageError(
        `--set ${path}: ${keys.slice(0, i).join('.')} is an array; "${key}" is not an index`,
      )
    }
    const child = childSchema(schema, key)
    if (i === keys.length - 1) {
      write(container, key, coerce(assignment.slice(eq + 1), child, path))
      return
    }
    let next = read(container, key)
    if (next === undefined) {
      next = typesOf(child).includes('array') && /^\d+$/.test(keys[i + 1]!) ? [] : {}
      write(container, key, next)
    } else if (typeof next !== 'object' || next === null) {
      throw usageError(
        `--set ${path}: ${keys.slice(0, i + 1).join('.')} already holds a ${typeof next}`,
      )
    }
    container = next as Container
    schema = child
  }
}

function read(container: Container, key: string): unknown {
  return Array.isArray(container) ? container[Number(key)] : container[key]
}

function write(container: Container, key: string, value: unknown): void {
  if (Array.isArray(container)) container[Number(key)] = value
  else container[key] = value
}

function childSchema(schema: Schema | undefined, key: string): Schema | undefined {
  const properties = asSchema(schema?.properties)
  if (properties && Object.hasOwn(properties, key)) return asSchema(properties[key])
  if (/^\d+$/.test(key) && asSchema(schema?.items)) return asSchema(schema?.items)
  return asSchema(schema?.additionalProperties)
}

function asSchema(value: unknown): Schema | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined
}

/** The JSON types a schema admits: its `type`, else what its enum, properties or items imply. */
function typesOf(schema: Schema | undefined): string[] {
  if (!schema) return []
  const type = schema.type
  if (typeof type === 'string') return [type]
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string')
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map(jsonType))]
  if (schema.properties) return ['object']
  if (schema.items) return ['array']
  return []
}

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function fits(type: string, value: unknown): boolean {
  const actual = jsonType(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

function coerce(raw: string, schema: Schema | undefined, path: string): unknown {
  const types = typesOf(schema)
  const json = tryJson(raw)
  if (types.length === 0) return json.ok ? json.value : raw
  for (const type of TYPE_ORDER) {
    if (types.includes(type) && json.ok && fits(type, json.value)) return json.value
  }
  if (types.includes('string')) return raw
  // Broken JSON for an object or array field: say where it broke.
  if ((types.includes('object') || types.includes('array')) && !json.ok)
    parseJson(raw, `--set ${path}`)
  throw usageError(`--set ${path}: expected ${types.join(' or ')}, got ${JSON.stringify(raw)}`)
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}
