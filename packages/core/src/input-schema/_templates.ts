import { readField } from './_field-path'
import { isObject } from './_json-schema'

// `{{{name}}}` and `{{name}}`: Tray's connectors use both.
const TEMPLATE = /\{\{\{\s*([^{}]+?)\s*\}\}\}|\{\{\s*([^{}]+?)\s*\}\}/g
const WHOLE_TEMPLATE = /^(?:\{\{\{\s*([^{}]+?)\s*\}\}\}|\{\{\s*([^{}]+?)\s*\}\})$/

/** The field names a value's templates refer to, in order of first appearance. */
export function templateNames(value: unknown): string[] {
  const names = new Set<string>()
  mapStrings(value, (text) => {
    for (const match of text.matchAll(TEMPLATE)) names.add((match[1] ?? match[2])!)
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
    if (whole) return readField(input, (whole[1] ?? whole[2])!)
    return text.replace(TEMPLATE, (_, triple?: string, double?: string) =>
      asText(readField(input, (triple ?? double)!)),
    )
  })
}

/** A deep copy of a JSON value, so callers can change it without changing a schema. */
export function copyJson(value: unknown): unknown {
  return mapStrings(value, (text) => text)
}

/** A deep copy of a JSON value with every string passed through `map`. */
function mapStrings(value: unknown, map: (text: string) => unknown): unknown {
  if (typeof value === 'string') return map(value)
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map) ?? null)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const mapped = mapStrings(item, map)
    if (mapped !== undefined)
      Object.defineProperty(out, key, {
        value: mapped,
        enumerable: true,
        writable: true,
        configurable: true,
      })
  }
  return out
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
