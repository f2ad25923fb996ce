import type { Redactor } from '../client/redactor'

/** Errors nested in causes and fields are copied this deep at most; deeper ones are dropped. */
const MAX_NESTING = 8

/**
 * The error as a log (`onError`) may see it: when its message, stack, fields or causes hold the token
 * (in any spelling the redactor knows), a copy with the same prototype (so `instanceof` and
 * `name` still hold) whose every string is redacted; otherwise the error itself. Whatever the
 * log does with it (`error.message`, `JSON.stringify`, `util.inspect`) then shows no token.
 */
export function redactError(error: unknown, redact: Redactor): unknown {
  const state = { changed: false }
  const copy = copyValue(error, redact, state, 0)
  return state.changed ? copy : error
}

function copyValue(value: unknown, redact: Redactor, state: { changed: boolean }, depth: number) {
  if (typeof value === 'string') {
    const text = redact.text(value)
    if (text !== value) state.changed = true
    return text
  }
  if (value instanceof Error) return copyError(value, redact, state, depth)
  if (typeof value !== 'object' || value === null) return value
  const copy = redact.value(value)
  // The redactor copies plain objects and arrays; anything else (a Response, a Map) it keeps.
  if (copy !== value && !sameJson(copy, value)) state.changed = true
  return copy
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b)
  } catch {
    // A cycle or a BigInt: the copy stands, as if something had been redacted.
    return false
  }
}

function copyError(
  error: Error,
  redact: Redactor,
  state: { changed: boolean },
  depth: number,
): Error | undefined {
  if (depth >= MAX_NESTING) {
    state.changed = true
    return undefined
  }
  const copy = Object.create(Object.getPrototypeOf(error)) as Error
  // Own properties only: `message`, `stack`, `cause` and the class's fields, with their
  // attributes (a non-enumerable `stack` stays out of JSON.stringify, as on the original).
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key)
    if (!descriptor) continue
    if ('value' in descriptor) {
      descriptor.value = copyValue(descriptor.value, redact, state, depth + 1)
    }
    Object.defineProperty(copy, key, descriptor)
  }
  return copy
}
