import { clip } from '../_clip'
import type { ValidationIssue } from '../errors/tray-validation-error'

/** How large an input may be before anything validates it: what one request may cost in CPU. */
export interface InputLimits {
  /** Objects and arrays nested inside each other, the input itself counting as 1. */
  maxDepth: number
  /** Fields of any one object. */
  maxKeys: number
  /** Values in all: every field's value and every item, nested ones included, and the input itself. */
  maxValues: number
}

/**
 * The default bounds. Depth 128 is the edge's `MAX_PAYLOAD_DEPTH`: deeper than any input schema
 * goes, and well inside what `JSON.stringify` survives. 10 000 fields is more than any form or
 * free-form map holds, and refuses an 80 000-key object after reading its key count only.
 * 250 000 values lets a 1 MiB body through whenever it averages 4 bytes a value or more (a table
 * of 10 000 rows of five short fields is about 60 000 values in 550 KB), while it keeps the
 * validator's walk to tens of milliseconds.
 */
export const INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxDepth: 128,
  maxKeys: 10_000,
  maxValues: 250_000,
})

/** A container still to be looked into, and how to name it if it breaks a bound. */
interface Pending {
  value: object
  depth: number
  parent: Pending | undefined
  key: string
}

/**
 * The first way an input exceeds its size bounds (depth, fields of one object, values in all),
 * or undefined when it keeps to them. Walks without recursion and stops at the first excess, so
 * its cost is bounded by the limits, not by the input: run it before any JSON Schema validation.
 * Never throws; it never calls a value's own code (`toJSON`), and a value it cannot read, or
 * one that contains itself (a cycle), is left to the validation that follows.
 *
 * @example
 * checkInputBounds({ rows: hugeArray }) // { path: '', message: 'input holds more than 250000 values …' }
 */
export function checkInputBounds(
  input: unknown,
  limits: Partial<InputLimits> = {},
): ValidationIssue | undefined {
  const maxDepth = limits.maxDepth ?? INPUT_LIMITS.maxDepth
  const maxKeys = limits.maxKeys ?? INPUT_LIMITS.maxKeys
  const maxValues = limits.maxValues ?? INPUT_LIMITS.maxValues
  if (typeof input !== 'object' || input === null) return undefined
  const stack: Pending[] = [{ value: input, depth: 1, parent: undefined, key: '' }]
  let values = 1
  try {
    for (let item = stack.pop(); item; item = stack.pop()) {
      if (item.depth > maxDepth) {
        // A value that contains itself is no size JSON can have: the validation or the
        // serialisation that follows names it for what it is.
        if (isCycle(item)) return undefined
        return { path: pathOf(item), message: `nested more than ${maxDepth} levels deep` }
      }
      const { value } = item
      if (Array.isArray(value)) {
        // Counted before a single item is read: a sparse `new Array(1e9)` costs nothing.
        values += value.length
        if (values > maxValues) return tooMany(maxValues)
        // Pushed last to first, so that they are looked into first to last: the first excess
        // reported is the first in the input's order.
        for (let i = value.length - 1; i >= 0; i--) {
          const child: unknown = value[i]
          if (typeof child === 'object' && child !== null) {
            stack.push({ value: child, depth: item.depth + 1, parent: item, key: String(i) })
          }
        }
        continue
      }
      const keys = Object.keys(value)
      if (keys.length > maxKeys) {
        return {
          path: pathOf(item),
          message: `${describe(item)} has ${keys.length} fields, more than the ${maxKeys} allowed in one object`,
        }
      }
      values += keys.length
      if (values > maxValues) return tooMany(maxValues)
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k] as string
        const child: unknown = (value as Record<string, unknown>)[key]
        if (typeof child === 'object' && child !== null) {
          stack.push({ value: child, depth: item.depth + 1, parent: item, key })
        }
      }
    }
  } catch {
    // A getter or a proxy that throws: the validation that follows names it.
    return undefined
  }
  return undefined
}

function tooMany(maxValues: number): ValidationIssue {
  return {
    path: '',
    message: `input holds more than ${maxValues} values (fields, items and nested values in all)`,
  }
}

function describe(item: Pending): string {
  return item.parent ? clip(item.key, 40) : 'input'
}

/** Whether a container too deep is one of its own ancestors: the depth came from a cycle. */
function isCycle(item: Pending): boolean {
  for (let at = item.parent; at; at = at.parent) if (at.value === item.value) return true
  return false
}

/** The dotted path of a container, built only once it is reported. Keys are clipped. */
function pathOf(item: Pending): string {
  const keys: string[] = []
  for (let at: Pending | undefined = item; at?.parent; at = at.parent) keys.push(clip(at.key, 40))
  return keys.reverse().join('.')
}
