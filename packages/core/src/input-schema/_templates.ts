import { readField, setField } from './_field-path'
import { isObject } from './_json-schema'

// `{{{name}}}` and `{{name}}`: Tray's connectors use both. The name is trimmed in code: spaces
// matched around a lazy name in the expression itself backtrack for seconds on a long string.
const TEMPLATE = /\{\{\{([^{}]*)\}\}\}|\{\{([^{}]*)\}\}/g
const WHOLE_TEMPLATE = /^(?:\{\{\{([^{}]*)\}\}\}|\{\{([^{}]*)\}\})$/

/** The field a template match names, or undefined for an empty one (`{{ }}` is plain text). */
function nameOf(triple: string | undefined, double: string | undefined): string | undefined {
  return (triple ?? double ?? '').trim() || undefined
}

/** The field names a value's templates refer to, in order of first appearance. */
export function templateNames(value: unknown): string[] {
  const names = new Set<string>()
  mapStrings(value, (text) => {
    for (const match of text.matchAll(TEMPLATE)) {
      const name = nameOf(match[1], match[2])
      if (name !== undefined) names.add(name)
    }
    return text
  })
  return [...names]
}

/**
 * A copy of a value with its templates filled from `input`. A template that is the whole string
 * takes the field's value as it is (a number stays a number; an empty field drops the key); one
 * inside a longer string is written in as text.
 */
export function fillTemplates(value: unknown, input: unknown): unknown {
  return mapStrings(value, (text) => {
    const whole = WHOLE_TEMPLATE.exec(text)
    const name = whole ? nameOf(whole[1], whole[2]) : undefined
    if (name !== undefined) return readField(input, name)
    return text.replace(TEMPLATE, (match, triple?: string, double?: string) => {
      const field = nameOf(triple, double)
      return field === undefined ? match : asText(readField(input, field))
    })
  })
}

/** A deep copy of a JSON value, so callers can change it without changing a schema. */
export function copyJson(value: unknown): unknown {
  return mapStrings(value, (text) => text)
}

/**
 * A deep copy of a JSON value with every string passed through `map`. It keeps its own stack
 * rather than recursing, since a schema's `default` or a lookup's `input` can nest deeper than
 * the call stack, and copies a shared (or cyclic) object once, as `structuredClone` does.
 */
function mapStrings(value: unknown, map: (text: string) => unknown): unknown {
  const root: Record<string, unknown> = {}
  const copies = new Map<object, unknown>()
  // Children are pushed last first, so each container's keys are written in their order.
  const pending: Array<[source: unknown, holder: object, key: string]> = [[value, root, 'value']]
  while (pending.length > 0) {
    const [source, holder, key] = pending.pop()!
    let copy: unknown = source
    if (typeof source === 'string') copy = map(source)
    else if (Array.isArray(source) || isObject(source)) {
      copy = copies.get(source)
      if (copy === undefined) {
        copy = Array.isArray(source) ? [] : {}
        copies.set(source, copy)
        // An array's holes count: JSON writes them as null.
        const keys = Array.isArray(source) ? Array.from(source.keys(), String) : Object.keys(source)
        for (let i = keys.length - 1; i >= 0; i--) {
          pending.push([(source as Record<string, unknown>)[keys[i]!], copy as object, keys[i]!])
        }
      }
    }
    // JSON has no `undefined`: an array keeps the slot as null, an object drops the key.
    if (copy !== undefined) place(holder, key, copy)
    else if (Array.isArray(holder)) place(holder, key, null)
  }
  return root.value
}

function place(target: object, key: string, value: unknown): void {
  if (Array.isArray(target)) target[Number(key)] = value
  else setField(target, key, value)
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
