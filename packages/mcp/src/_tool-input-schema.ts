import type { JsonObject, Operation } from '@traykit/core/client'
import { type FieldLookup, getLookups } from '@traykit/core/forms'

/** The keywords of JSON Schema (2020-12, and draft-04's that still mean the same) a tool schema keeps. */
const KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'default',
  'title',
  'description',
  'examples',
  'format',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'contains',
  'minContains',
  'maxContains',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  '$ref',
  '$defs',
  'definitions',
  'dependentRequired',
  'dependentSchemas',
  'readOnly',
  'writeOnly',
  'deprecated',
  'contentMediaType',
  'contentEncoding',
  '$comment',
])
/** Keywords whose value is one schema. */
const ONE = [
  'additionalProperties',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'items',
]
/** Keywords whose value is a list of schemas. */
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems']
/** Keywords whose value maps names to schemas. */
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']

/** What the agent is told about a field whose options come from a lookup. */
export type LookupHint = (lookup: FieldLookup) => string

/**
 * An operation's input schema as MCP clients take it: Tray's own fields, types, enums and
 * descriptions, in plain JSON Schema (2020-12, MCP's default dialect). Tray's additions become
 * words the agent reads: `enumLabels` join the description, a `lookup` says which tool lists
 * the field's options; `advanced`, `$schema` (Tray's own URL) and any other unknown keyword
 * go, so a strict validator compiles it. Draft-04 spellings are rewritten (tuple `items`,
 * boolean `exclusiveMinimum`, `dependencies`).
 */
export function toolInputSchema(operation: Operation, lookupHint: LookupHint): JsonObject {
  const lookups = new Map(getLookups(operation).map((lookup) => [lookup.path, lookup]))
  const hint = (path: string) => {
    const lookup = lookups.get(path)
    return lookup ? lookupHint(lookup) : undefined
  }
  const schema = convert(operation.inputSchema, '', hint, 0)
  schema.type = 'object'
  return schema
}

/** Deeper than any real form; a schema nested further is cut to `{}` (anything), not followed. */
const MAX_DEPTH = 32

type Hint = (path: string) => string | undefined

function convert(node: unknown, path: string, hint: Hint, depth: number): JsonObject {
  if (!isObject(node) || depth > MAX_DEPTH) return {}
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(node)) {
    if (!KEYWORDS.has(key)) continue
    if (MAP.includes(key) && isObject(value)) {
      const map: JsonObject = {}
      for (const [name, child] of Object.entries(value)) {
        const childPath = key === 'properties' ? join(path, name) : path
        map[name] = convert(child, childPath, hint, depth + 1)
      }
      out[key] = map
    } else if (LIST.includes(key) && Array.isArray(value)) {
      out[key] = value.map((child) => convert(child, path, hint, depth + 1))
    } else if (key === 'items' && Array.isArray(value)) {
      // Draft-04 tuples: `items: [a, b]` is `prefixItems` now, `additionalItems` is `items`.
      out.prefixItems = value.map((child) => convert(child, join(path, '*'), hint, depth + 1))
      if (node.additionalItems !== undefined) {
        out.items = convertOrBoolean(node.additionalItems, join(path, '*'), hint, depth)
      }
    } else if (ONE.includes(key)) {
      out[key] = convertOrBoolean(value, key === 'items' ? join(path, '*') : path, hint, depth)
    } else if (
      (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') &&
      typeof value === 'boolean'
    ) {
      // Draft-04: a flag on minimum/maximum; 2020-12 wants the bound itself.
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum'
      if (value && typeof node[bound] === 'number') out[key] = node[bound] as number
    } else {
      out[key] = copyJson(value)
    }
  }
  if (isObject(node.dependencies)) {
    for (const [name, dependency] of Object.entries(node.dependencies)) {
      if (Array.isArray(dependency)) {
        out.dependentRequired = {
          ...(out.dependentRequired as JsonObject),
          [name]: copyJson(dependency),
        }
      } else {
        const converted = convert(dependency, path, hint, depth + 1)
        out.dependentSchemas = { ...(out.dependentSchemas as JsonObject), [name]: converted }
      }
    }
  }
  // A draft-04 exclusive bound moved into the keyword: the plain bound would now include it.
  if (node.exclusiveMinimum === true && typeof out.exclusiveMinimum === 'number') delete out.minimum
  if (node.exclusiveMaximum === true && typeof out.exclusiveMaximum === 'number') delete out.maximum
  const notes = describeAdditions(node, path, hint)
  if (notes.length > 0) {
    const own =
      typeof out.description === 'string' && out.description.trim() !== ''
        ? [out.description.trim().replace(/([^.!?])$/, '$1.')]
        : []
    out.description = [...own, ...notes].join(' ')
  }
  return out
}

function convertOrBoolean(value: unknown, path: string, hint: Hint, depth: number) {
  return typeof value === 'boolean' ? value : convert(value, path, hint, depth + 1)
}

/** Tray's additions on one node, as sentences. */
function describeAdditions(node: JsonObject, path: string, hint: Hint): string[] {
  const notes: string[] = []
  const { enumLabels } = node
  if (Array.isArray(node.enum) && Array.isArray(enumLabels) && enumLabels.length > 0) {
    const pairs = node.enum.flatMap((value, i) => {
      const label = enumLabels[i]
      return typeof label === 'string' && label !== String(value)
        ? [`${JSON.stringify(value)} (${label})`]
        : []
    })
    if (pairs.length > 0) notes.push(`Values: ${pairs.join(', ')}.`)
  }
  // Core's reading of the lookup (both spellings, its dependencies), found by the field's path.
  const lookup = isObject(node.lookup) ? hint(path) : undefined
  if (lookup) notes.push(lookup)
  return notes
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function copyJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}
