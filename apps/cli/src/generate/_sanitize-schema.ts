import type { FieldLookup } from '@traykit/core'

/** A JSON Schema as json-schema-to-typescript reads it: only keywords this file writes. */
export type CleanSchema = Record<string, unknown>

/** Where a schema comes from, and what the sanitiser reports. */
export interface SanitizeContext {
  /** For notes: `slack@9.1 send_message input`. */
  where: string
  /** The operation's lookups by field path (`data.*.column_heading`). */
  lookups: ReadonlyMap<string, FieldLookup>
  /** What had to be changed to make a type of it, one line each. */
  notes: string[]
}

// Literal unions past this size cost tsc more than they tell a reader: typed by their base type.
export const MAX_ENUM = 500
// A schema that expands past this many nodes (refs inlined) is cut, not generated forever.
const MAX_NODES = 20_000
// Far deeper than any form; stops a pathological schema before the generator's stack does.
const MAX_DEPTH = 48

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'])

interface Walk {
  root: unknown
  context: SanitizeContext
  nodes: number
  /** The `$ref`s being expanded, outermost first: one seen again is a recursion. */
  refs: string[]
  cut: boolean
}

/**
 * A copy of a Tray schema that json-schema-to-typescript turns into a type safely and
 * deterministically: keywords it understands only (never `tsType`, which it would paste into the
 * file as code), local `$ref`s inlined (remote ones are not fetched), recursion and huge enums
 * typed loosely, titles dropped (the generator would turn each into a type of its own, colliding
 * across operations) and Tray's additions (`lookup`, `advanced`, `enumLabels`) written into the
 * description, which becomes the field's JSDoc. What was loosened is reported in `notes`.
 */
export function sanitizeSchema(schema: unknown, context: SanitizeContext): CleanSchema {
  const walk: Walk = { root: schema, context, nodes: 0, refs: [], cut: false }
  return clean(walk, schema, '', false, 0)
}

function clean(
  walk: Walk,
  node: unknown,
  path: string,
  advanced: boolean,
  depth: number,
): CleanSchema {
  if (node === false) return { tsType: 'never' }
  if (!isObject(node)) return {}
  if (++walk.nodes > MAX_NODES || depth > MAX_DEPTH) {
    if (!walk.cut) {
      walk.cut = true
      walk.context.notes.push(
        `${walk.context.where}: the schema is too large or deep to type in full (at ${path || 'the root'}); the rest is unknown`,
      )
    }
    return {}
  }
  if (typeof node.$ref === 'string') return cleanRef(walk, node, node.$ref, path, advanced, depth)

  const out: CleanSchema = {}
  const types = typeList(node.type)
  if (types.length > 0) out.type = types.length === 1 ? types[0] : types
  const docs = docLines(node, path, advanced, walk.context)

  if (Array.isArray(node.enum)) {
    const values = node.enum
    if (!values.every(isPrimitive)) {
      walk.context.notes.push(
        `${walk.context.where}: ${path || 'the root'} has an enum of non-primitive values; typed by its type`,
      )
    } else if (values.length > MAX_ENUM) {
      docs.push(`One of ${values.length} values (typed by its type: more than ${MAX_ENUM}).`)
      walk.context.notes.push(
        `${walk.context.where}: ${path || 'the root'} has an enum of ${values.length} values; typed as its base type`,
      )
    } else {
      out.enum = values
    }
  }
  if (isPrimitive(node.const)) out.const = node.const

  const properties = isObject(node.properties) ? node.properties : undefined
  if (properties) {
    const advancedNames = new Set(names(node.advanced))
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([key, child]) => [
        key,
        clean(walk, child, joinPath(path, key), advancedNames.has(key), depth + 1),
      ]),
    )
    const required = names(node.required).filter((name) => Object.hasOwn(properties, name))
    if (required.length > 0) out.required = [...new Set(required)]
  }
  // Extra keys that match a pattern stay possible: typed by the index signature, not refused.
  if (isObject(node.patternProperties)) out.additionalProperties = true
  else if (typeof node.additionalProperties === 'boolean')
    out.additionalProperties = node.additionalProperties
  else if (isObject(node.additionalProperties))
    out.additionalProperties = clean(walk, node.additionalProperties, path, false, depth + 1)

  const items = node.items
  if (Array.isArray(items)) {
    out.items = items.map((item, i) =>
      clean(walk, item, joinPath(path, String(i)), false, depth + 1),
    )
    if (node.additionalItems !== undefined && node.additionalItems !== false) {
      out.additionalItems = isObject(node.additionalItems)
        ? clean(walk, node.additionalItems, joinPath(path, '*'), false, depth + 1)
        : true
    } else if (node.additionalItems === false) out.additionalItems = false
  } else if (items !== undefined) {
    out.items = clean(walk, items, joinPath(path, '*'), false, depth + 1)
  }

  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = node[keyword]
    if (Array.isArray(list) && list.length > 0) {
      out[keyword] = list.map((branch) => clean(walk, branch, path, false, depth + 1))
    }
  }
  if (docs.length > 0) out.description = docs.join('\n')
  return out
}

/** A `$ref`: local ones inlined, a recursion or a reference to nothing typed as unknown. */
function cleanRef(
  walk: Walk,
  node: Record<string, unknown>,
  ref: string,
  path: string,
  advanced: boolean,
  depth: number,
): CleanSchema {
  const { context } = walk
  const own = docLines(node, path, advanced, context)
  const loose = (why: string): CleanSchema => ({ description: [...own, why].join('\n') })
  if (walk.refs.includes(ref)) {
    context.notes.push(
      `${context.where}: ${path || 'the root'} refers to itself ($ref ${JSON.stringify(ref)}); its recursion is typed as unknown`,
    )
    return loose(`Recursive ($ref ${JSON.stringify(ref)}): typed as unknown.`)
  }
  const target = ref.startsWith('#') ? pointer(walk.root, ref.slice(1)) : undefined
  if (target === undefined) {
    context.notes.push(
      `${context.where}: ${path || 'the root'} has $ref ${JSON.stringify(ref)}, which points to nothing in the schema (remote schemas are not fetched); typed as unknown`,
    )
    return loose(`$ref ${JSON.stringify(ref)} could not be resolved: typed as unknown.`)
  }
  walk.refs.push(ref)
  const resolved = clean(walk, target, path, advanced, depth + 1)
  walk.refs.pop()
  // The field's own description wins over the shared definition's.
  if (own.length > 0 && isObject(node) && typeof node.description === 'string') {
    return { ...resolved, description: own.join('\n') }
  }
  return resolved
}

/** The JSDoc of a field: its description, and what Tray's form knows about it. */
function docLines(
  node: Record<string, unknown>,
  path: string,
  advanced: boolean,
  context: SanitizeContext,
): string[] {
  const lines: string[] = []
  const title = text(node.title)
  const description = text(node.description)
  if (title && description && title !== description) lines.push(`${title}: ${description}`)
  else if (title || description) lines.push((description ?? title)!)
  if (Array.isArray(node.enum) && Array.isArray(node.enumLabels)) {
    const labels = node.enum.flatMap((value, i) => {
      const label = text(node.enumLabels && (node.enumLabels as unknown[])[i])
      return label === undefined || !isPrimitive(value)
        ? []
        : [`${JSON.stringify(value)} (${label})`]
    })
    if (labels.length > 0 && labels.length <= MAX_ENUM) lines.push(`Labels: ${labels.join(', ')}.`)
  }
  if (advanced) lines.push('Advanced: Tray’s forms show it behind “more”.')
  const lookup = context.lookups.get(path)
  if (lookup) {
    const needs = lookup.dependsOn.length > 0 ? ` (needs ${lookup.dependsOn.join(', ')})` : ''
    lines.push(`Options from the DDL operation \`${lookup.operation}\`${needs}: resolveLookup.`)
  }
  const format = text(node.format)
  if (format) lines.push(`Format: ${format}.`)
  if (node.default !== undefined && isPrimitive(node.default))
    lines.push(`@default ${JSON.stringify(node.default)}`)
  return lines
}

/** A JSON pointer (`/definitions/filter`) into the schema; undefined when it leads nowhere. */
function pointer(root: unknown, path: string): unknown {
  if (path === '') return root
  if (!path.startsWith('/')) return undefined
  let current = root
  for (const raw of path.slice(1).split('/')) {
    const key = unescapeSegment(raw)
    if (key === undefined) return undefined
    if (!isObject(current) && !Array.isArray(current)) return undefined
    if (!Object.hasOwn(current, key)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** A pointer segment: percent-decoded (a URI fragment), then `~1` → `/`, `~0` → `~`. */
function unescapeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~')
  } catch {
    return undefined
  }
}

function typeList(type: unknown): string[] {
  const list = Array.isArray(type) ? type : [type]
  return [...new Set(list.filter((t): t is string => typeof t === 'string' && JSON_TYPES.has(t)))]
}

function names(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((name): name is string => typeof name === 'string') : []
}

/** Text for a comment: control characters (a terminal escape, a stray line separator) dropped. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const clean = value.replace(CONTROL, '').trim()
  return clean === '' ? undefined : clean
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The same paths core's `getLookups` gives: `filter.column_heading`, `data.*.column_heading`. */
function joinPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key
}
