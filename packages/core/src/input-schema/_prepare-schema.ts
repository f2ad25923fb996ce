import { format as knownFormats } from '@cfworker/json-schema'
import { boundedPattern } from './_bounded-pattern'
import { setField } from './_field-path'
import { isObject } from './_json-schema'

// Keywords whose value is one schema, a list of schemas (or one), or a map of schemas
// (`dependencies` also holds lists of names).
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
  'dependencies',
  'dependentSchemas',
  'patternProperties',
  'properties',
])

// `uniqueItems` compares every pair of items: past this many, an array is not checked for
// duplicates (Tray still is), so a long array cannot make validation quadratic.
export const MAX_UNIQUE_CHECKED = 1000

/**
 * A private copy of a schema for the validator, which writes bookkeeping properties into the
 * schema objects it is given (so a caller's frozen or shared schema must not be handed over).
 * Along the way: boolean schemas become objects, so errors under them carry correct
 * locations; annotation objects (Tray's `lookup`, unknown keywords) are left out, since the
 * validator would walk them as schemas; draft-04's `exclusiveMinimum: true` becomes draft-07's
 * numeric form; and every check that could take unbounded time on a hostile input is bounded
 * (`pattern`, `patternProperties`, `uniqueItems`, the `url` format, `$recursiveRef` as a `$ref`).
 */
export function prepareSchema(node: unknown): unknown {
  if (node === true) return {}
  if (node === false) return { not: {} }
  if (!isObject(node)) return node
  // Plain objects, not null-prototype ones: the validator reads dozens of keywords from every
  // node, and V8 reads a plain object's properties several times faster.
  const out: Record<string, unknown> = {}
  let uncheckedNames = false
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern') {
      const pattern = boundedPattern(value)
      if (pattern !== undefined) out.pattern = pattern
    } else if (key === 'format') {
      const format = checkedFormat(value)
      if (format !== undefined) out.format = format
    } else if (key === 'patternProperties' && isObject(value)) {
      // Name patterns that cannot all run as they are leave the names unchecked: each may have
      // matched, so neither its schema nor `additionalProperties` can be applied.
      if (Object.keys(value).every((name) => boundedPattern(name) === name)) {
        out.patternProperties = mapSchemas(value)
      } else uncheckedNames = true
    } else if (SCHEMA_KEYWORDS.has(key)) out[key] = prepareSchema(value)
    else if (SCHEMA_LIST_KEYWORDS.has(key))
      out[key] = Array.isArray(value) ? value.map(prepareSchema) : prepareSchema(value)
    else if (SCHEMA_MAP_KEYWORDS.has(key)) out[key] = isObject(value) ? mapSchemas(value) : value
    else if (key === 'const' || (key === 'enum' && Array.isArray(value))) {
      // The validator writes these into its messages as JSON: one that cannot be written (too
      // deep) fails the schema here, instead of every validation that reaches it.
      JSON.stringify(value)
      out[key] = value
    }
    // Other values the validator only reads (`default`, `dependentRequired`) are shared, not
    // copied; other objects are annotations. `__proto__` is no keyword, and assigning it would
    // replace the prototype.
    else if (
      key !== '__proto__' &&
      (!isObject(value) || key === 'default' || key === 'dependentRequired')
    )
      out[key] = value
  }
  if (out.$recursiveRef === '#') {
    // In one schema resource (`compiledSchema` refuses the others), `$recursiveRef: "#"` always
    // lands on the root, as `$ref: "#"` does; as a `$ref` it counts against the `$ref` budget,
    // which the validator's own anchor-following would bypass. Under `allOf`, so that the
    // keywords beside it still apply whatever the draft (draft 7 ignores those beside `$ref`).
    delete out.$recursiveRef
    addToAllOf(out, { $ref: '#' })
  }
  if (uncheckedNames) {
    delete out.additionalProperties
    delete out.unevaluatedProperties
  }
  if (out.uniqueItems === true) {
    delete out.uniqueItems
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, for the validator.
    const guard = { if: { maxItems: MAX_UNIQUE_CHECKED }, then: { uniqueItems: true } }
    addToAllOf(out, guard)
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

/** Adds a subschema the node must also match, keeping any `allOf` it has. */
function addToAllOf(out: Record<string, unknown>, schema: Record<string, unknown>): void {
  const allOf = Array.isArray(out.allOf) ? out.allOf : out.allOf === undefined ? [] : [out.allOf]
  out.allOf = [...allOf, schema]
}

/**
 * A format the validator knows, by its own name (not one inherited from `Object.prototype`,
 * such as `constructor`). Unknown formats pass, as JSON Schema says. `url` is checked as `uri`:
 * the validator's own `url` expression backtracks exponentially on 30 characters.
 */
function checkedFormat(format: unknown): string | undefined {
  if (typeof format !== 'string' || !Object.hasOwn(knownFormats, format)) return undefined
  return format === 'url' ? 'uri' : format
}

function mapSchemas(map: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  // `dependencies` mixes schemas with lists of names; lists are kept as they are. A field may
  // be named `__proto__`, so keys are defined rather than assigned.
  for (const [key, value] of Object.entries(map)) {
    setField(out, key, Array.isArray(value) ? value : prepareSchema(value))
  }
  return out
}
