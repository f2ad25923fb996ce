import type { JsonObject } from '@traykit/core'
import { usageError } from '../cli-error'
import { assertJsonInput } from './assert-json-input'
import { parseJson } from './parse-json'
import { shorten } from './shorten'

type Schema = Record<string, unknown>
type Container = Record<string, unknown> | unknown[]

const TYPE_ORDER = ['integer', 'number', 'boolean', 'null', 'object', 'array']
const INDEX = /^\d+$/

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
  assertJsonInput(result, '--set')
  return result
}

function applySet(input: JsonObject, assignment: string, root: Schema): void {
  const eq = assignment.indexOf('=')
  if (eq <= 0) {
    throw usageError(
      `--set expects path=value, such as --set channel=C123; got ${JSON.stringify(shorten(assignment))}`,
    )
  }
  const path = assignment.slice(0, eq)
  const at = `--set ${shorten(path)}`
  const keys = path.split('.')
  if (keys.includes('')) throw usageError(`${at}: the path has an empty segment`)
  // Writing through `__proto__` would change every object of the process.
  if (keys.includes('__proto__')) throw usageError(`${at}: "__proto__" cannot be a field name`)
  if (/[[\]]/.test(path)) {
    throw usageError(`${at}: write an array index as a path segment, such as rows.0.name`)
  }
  let container: Container = input
  let schema: Schema | undefined = root
  for (const [i, key] of keys.entries()) {
    if (Array.isArray(container)) checkIndex(container, keys, i, at)
    const child = childSchema(schema, key)
    if (i === keys.length - 1) {
      write(container, key, coerce(assignment.slice(eq + 1), child, at))
      return
    }
    let next = read(container, key)
    if (next === undefined) {
      next = typesOf(child).includes('array') && INDEX.test(keys[i + 1]!) ? [] : {}
      write(container, key, next)
    } else if (typeof next !== 'object' || next === null) {
      throw usageError(
        `${at}: ${shorten(keys.slice(0, i + 1).join('.'))} already holds ${article(jsonType(next))}`,
      )
    }
    container = next as Container
    schema = child
  }
}

/** An array item is set by its index, at most one past the end: JSON has no gaps in arrays. */
function checkIndex(array: unknown[], keys: string[], i: number, at: string): void {
  const parent = shorten(keys.slice(0, i).join('.'))
  const key = keys[i]!
  if (!INDEX.test(key)) {
    throw usageError(
      `${at}: ${parent} is an array; ${JSON.stringify(shorten(key))} is not an index`,
    )
  }
  if (Number(key) > array.length) {
    throw usageError(
      `${at}: ${parent} has ${array.length} item${array.length === 1 ? '' : 's'}; the next index is ${array.length}`,
    )
  }
}

function read(container: Container, key: string): unknown {
  if (Array.isArray(container)) return container[Number(key)]
  // Own fields only: `toString` or `constructor` are fields to create, not methods to walk into.
  return Object.hasOwn(container, key) ? container[key] : undefined
}

function write(container: Container, key: string, value: unknown): void {
  if (Array.isArray(container)) container[Number(key)] = value
  else container[key] = value
}

function childSchema(schema: Schema | undefined, key: string): Schema | undefined {
  const properties = asSchema(schema?.properties)
  if (properties && Object.hasOwn(properties, key)) return asSchema(properties[key])
  if (INDEX.test(key) && asSchema(schema?.items)) return asSchema(schema?.items)
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

function article(type: string): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`
}

function fits(type: string, value: unknown): boolean {
  const actual = jsonType(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

function coerce(raw: string, schema: Schema | undefined, at: string): unknown {
  const types = typesOf(schema)
  const json = tryJson(raw)
  if (json.ok && typeof json.value === 'number' && !isExact(raw, json.value)) {
    // A number JSON would change (1e400 becomes null, 2^64 loses digits): text where it may be.
    if (types.includes('string')) return raw
    throw usageError(
      `${at}: ${JSON.stringify(shorten(raw))} cannot be sent as a JSON number without changing it`,
    )
  }
  if (types.length === 0) return json.ok ? json.value : raw
  for (const type of TYPE_ORDER) {
    if (types.includes(type) && json.ok && fits(type, json.value)) return json.value
  }
  if (types.includes('string')) return raw
  // Broken JSON for an object or array field: say where it broke.
  if ((types.includes('object') || types.includes('array')) && !json.ok) parseJson(raw, at)
  throw usageError(`${at}: expected ${types.join(' or ')}, got ${JSON.stringify(shorten(raw))}`)
}

/** Whether a number reaches Tray as typed: finite, and an integer with every digit kept. */
function isExact(raw: string, value: number): boolean {
  if (!Number.isFinite(value)) return false
  const text = raw.trim()
  return !/^-?\d+$/.test(text) || Number.isSafeInteger(value) || JSON.stringify(value) === text
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}
