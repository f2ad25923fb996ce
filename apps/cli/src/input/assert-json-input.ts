import { usageError } from '../cli-error'
import { shorten } from './shorten'

/**
 * Far deeper than any operation's input, and shallow enough for every step on the way (copying,
 * validating, JSON.stringify) to stay clear of the stack's limit.
 */
export const MAX_INPUT_DEPTH = 256

interface Pending {
  value: unknown
  key: string
  parent: Pending | undefined
  depth: number
}

/**
 * Refuses an input that would not reach Tray as given: nested deeper than `MAX_INPUT_DEPTH`, a
 * number JSON cannot carry (`1e400` reads as Infinity and would be sent as null), or a
 * `__proto__` key, which JavaScript code on the way may take for an object's prototype.
 * The message names `source` and the path where it breaks, never the value.
 */
export function assertJsonInput(value: unknown, source: string): void {
  const pending: Pending[] = [{ value, key: 'input', parent: undefined, depth: 0 }]
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, depth } = item
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw usageError(`${source} has a number too large for JSON at ${pathOf(item)}`)
    }
    if (typeof value !== 'object' || value === null) continue
    if (depth >= MAX_INPUT_DEPTH) {
      throw usageError(`${source} nests deeper than ${MAX_INPUT_DEPTH} levels at ${pathOf(item)}`)
    }
    for (const [key, child] of Object.entries(value)) {
      const entry = { value: child, key, parent: item, depth: depth + 1 }
      if (key === '__proto__') {
        throw usageError(
          `${source} has a "__proto__" key at ${pathOf(entry)}; traykit never sends one`,
        )
      }
      pending.push(entry)
    }
  }
}

function pathOf(item: Pending): string {
  const keys: string[] = []
  for (let at: Pending | undefined = item; at; at = at.parent) keys.push(at.key)
  return shorten(keys.reverse().join('.'))
}
