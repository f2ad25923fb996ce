import { dereference, type Schema, type SchemaDraft } from '@cfworker/json-schema'
import type { JsonObject } from '../schemas/json-object'
import { prepareSchema } from './_prepare-schema'

/** An input schema ready for @cfworker/json-schema: a private copy and its `$ref` table. */
export interface CompiledSchema {
  readonly schema: Schema
  readonly refs: Record<string, Schema | boolean>
  readonly draft: SchemaDraft
  /** The address the validator resolves the schema's `$ref`s against. */
  readonly base: string
  /** Whether it has `$ref`s, which can recurse and loop. */
  readonly hasRefs: boolean
}

/** A schema that cannot be compiled, remembered so it is not retried on every call. */
export interface BrokenSchema {
  readonly error: string
}

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
    compiled = compile(inputSchema, text)
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

function compile(inputSchema: JsonObject, text: string | undefined): CompiledSchema | BrokenSchema {
  compileCount++
  if (text?.includes('"$recursiveRef"') && hasEmbeddedIds(inputSchema, text)) {
    return {
      error:
        'it uses $recursiveRef beside embedded $id resources, which traykit cannot validate within its bounds',
    }
  }
  try {
    const schema = prepareSchema(inputSchema) as Schema
    const refs = dereference(schema)
    const base = String((schema as { __absolute_uri__?: unknown }).__absolute_uri__ ?? '')
    // A schema with no JSON text (a cycle) may have anything: it counts as having them.
    const hasRefs = text === undefined || /"\$(?:ref|recursiveRef)"/.test(text)
    return { schema, refs, draft: draftOf(inputSchema.$schema), base, hasRefs }
  } catch (error) {
    if (error instanceof RangeError) return { error: 'it is nested too deeply' }
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * Whether a `$id` names a resource inside the schema (any `"$id"` but the root's: a field of
 * that name counts too, erring on the side of refusing). There `$recursiveRef` may resolve
 * elsewhere than the root, so it cannot be read as a `$ref` to `#`.
 */
function hasEmbeddedIds(inputSchema: JsonObject, text: string): boolean {
  const ids = text.split('"$id"').length - 1
  return ids > (typeof inputSchema.$id === 'string' ? 1 : 0)
}

// Tray's `$schema` is its own URL, not a meta-schema: its schemas use draft-04/07 keywords,
// which the validator's draft-7 mode covers once draft-04's boolean exclusive bounds are
// rewritten (see `prepareSchema`). Later drafts change `$ref` and `items`, so they are honoured.
function draftOf(uri: unknown): SchemaDraft {
  if (typeof uri === 'string' && uri.includes('2020-12')) return '2020-12'
  if (typeof uri === 'string' && uri.includes('2019-09')) return '2019-09'
  return '7'
}
