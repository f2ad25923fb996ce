import { dereference, type Schema, type SchemaDraft } from '@cfworker/json-schema'
import type { JsonObject } from '../schemas/json-object'
import { isObject } from './_json-schema'

/** An input schema ready for @cfworker/json-schema: a private copy and its `$ref` table. */
export interface CompiledSchema {
  readonly schema: Schema
  readonly refs: Record<string, Schema | boolean>
  readonly draft: SchemaDraft
}

/** A schema that cannot be compiled, remembered so it is not retried on every call. */
export interface BrokenSchema {
  readonly error: string
}

// Keywords whose value is one schema, a list of schemas (or one), or a map of schemas.
const SCHEMA_KEYWORDS = new Set([
  'additionalItems',
  'additionalProperties',
  'contains',
  'else',
  'if',
  'not',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
])
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'items', 'oneOf', 'prefixItems'])
const SCHEMA_MAP_KEYWORDS = new Set([
  '$defs',
  'definitions',
  'dependentSchemas',
  'patternProperties',
  'properties',
])

const MAX_BY_TEXT = 128
let compileCount = 0
// The fast path: the same schema object as last time. `shape` is the guard: the schema's
// top-level entries when it was compiled, so replacing `required` or `properties` recompiles.
const byObject = new WeakMap<
  JsonObject,
  { shape: unknown[]; compiled: CompiledSchema | BrokenSchema }
>()
// The slow path: an equal schema in another object (a catalog store that deserializes on
// every read). Insertion order makes this Map an LRU.
const byText = new Map<string, CompiledSchema | BrokenSchema>()

/** How many schemas have been compiled since the module loaded (observed by tests). */
export function compiledCount(): number {
  return compileCount
}

/** The compiled form of an input schema, compiled at most once per schema. */
export function compiledSchema(inputSchema: JsonObject): CompiledSchema | BrokenSchema {
  const cached = byObject.get(inputSchema)
  if (cached && sameShape(cached.shape, inputSchema)) return cached.compiled
  let text: string | undefined
  try {
    text = JSON.stringify(inputSchema)
  } catch {
    // Not JSON (a cycle, a bigint): compile it anyway, just without the text cache.
  }
  let compiled = text === undefined ? undefined : byText.get(text)
  if (compiled === undefined) {
    compiled = compile(inputSchema)
    if (text !== undefined) byText.set(text, compiled)
    for (const oldest of byText.keys()) {
      if (byText.size <= MAX_BY_TEXT) break
      byText.delete(oldest)
    }
  } else if (text !== undefined) {
    byText.delete(text)
    byText.set(text, compiled)
  }
  byObject.set(inputSchema, { shape: shapeOf(inputSchema), compiled })
  return compiled
}

function shapeOf(schema: JsonObject): unknown[] {
  return Object.entries(schema).flat()
}

function sameShape(shape: unknown[], schema: JsonObject): boolean {
  const keys = Object.keys(schema)
  if (keys.length * 2 !== shape.length) return false
  return keys.every((key, i) => shape[i * 2] === key && shape[i * 2 + 1] === schema[key])
}

function compile(inputSchema: JsonObject): CompiledSchema | BrokenSchema {
  compileCount++
  try {
    const schema = prepare(inputSchema) as Schema
    return { schema, refs: dereference(schema), draft: draftOf(inputSchema.$schema) }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

// Tray's `$schema` is its own URL, not a meta-schema: its schemas use draft-04/07 keywords,
// which the validator's draft-7 mode covers once draft-04's boolean exclusive bounds are
// rewritten (see `prepare`). Later drafts change `$ref` and `items`, so they are honoured.
function draftOf(uri: unknown): SchemaDraft {
  if (typeof uri === 'string' && uri.includes('2020-12')) return '2020-12'
  if (typeof uri === 'string' && uri.includes('2019-09')) return '2019-09'
  return '7'
}

/**
 * A private copy of a schema for the validator, which writes bookkeeping properties into the
 * schema objects it is given (so a caller's frozen or shared schema must not be handed over).
 * Along the way: boolean schemas become objects, so errors under them carry correct
 * locations; annotation objects (Tray's `lookup`, unknown keywords) are left out, since the
 * validator would walk them as schemas; draft-04's `exclusiveMinimum: true` becomes draft-07's
 * numeric form.
 */
function prepare(node: unknown): unknown {
  if (node === true) return {}
  if (node === false) return { not: {} }
  if (!isObject(node)) return node
  // Plain objects, not null-prototype ones: the validator reads dozens of keywords from every
  // node, and V8 reads a plain object's properties several times faster.
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_KEYWORDS.has(key)) out[key] = prepare(value)
    else if (SCHEMA_LIST_KEYWORDS.has(key))
      out[key] = Array.isArray(value) ? value.map(prepare) : prepare(value)
    else if (SCHEMA_MAP_KEYWORDS.has(key) || key === 'dependencies')
      out[key] = isObject(value) ? mapSchemas(value) : value
    // Values the validator only reads (`enum`, `const`, `default`, `dependentRequired`) are
    // shared, not copied; other objects are annotations. `__proto__` is no keyword, and
    // assigning it would replace the prototype.
    else if (
      key !== '__proto__' &&
      (!isObject(value) || key === 'const' || key === 'default' || key === 'dependentRequired')
    )
      out[key] = value
  }
  for (const [bound, exclusive] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    if (out[exclusive] === true && typeof out[bound] === 'number') {
      out[exclusive] = out[bound]
      delete out[bound]
    } else if (typeof out[exclusive] === 'boolean') {
      delete out[exclusive]
    }
  }
  return out
}

function mapSchemas(map: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  // `dependencies` mixes schemas with lists of names; lists are kept as they are. A field may
  // be named `__proto__`, so keys are defined rather than assigned.
  for (const [key, value] of Object.entries(map)) {
    Object.defineProperty(out, key, {
      value: Array.isArray(value) ? value : prepare(value),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}
