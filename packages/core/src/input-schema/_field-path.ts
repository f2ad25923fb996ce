import type { JsonObject } from '../schemas/json-object'
import { isObject } from './_json-schema'

/** The value at a path of segments, or undefined when the path leaves the value. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined
    if (!Object.hasOwn(current, segment)) return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}

/** The value a field name refers to: a key as written, else a dotted path (`filter.column`). */
export function readField(source: unknown, name: string): unknown {
  if (isObject(source) && Object.hasOwn(source, name)) return source[name]
  return valueAt(source, name.split('.'))
}

/** A copy of `target` with the value at a dotted path set, creating objects on the way. */
export function writeField(target: JsonObject, name: string, value: unknown): JsonObject {
  const [head = '', ...rest] = name.split('.')
  if (rest.length === 0 || Object.hasOwn(target, name)) return { ...target, [name]: value }
  const inner = target[head]
  return { ...target, [head]: writeField(isObject(inner) ? inner : {}, rest.join('.'), value) }
}

/** `parent.key`, or `key` at the root. */
export function joinPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key
}

/** Sets an own, enumerable field: defined, not assigned, since a field may be `__proto__`. */
export function setField(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}
