import { clip } from '../_clip'
import { valueAt } from './_field-path'
import type { JsonType } from './_json-schema'
import { jsonText } from './_json-text'

const ARTICLES: Record<JsonType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
}
const MAX_LISTED = 20

/** How a message names a field: its key, `rows[2]` for an array item, `input` for the root. */
export function subjectOf(path: readonly string[], input: unknown): string {
  let end = path.length
  let indexes = ''
  let container = valueAt(input, path.slice(0, end - 1))
  while (end > 0 && Array.isArray(container)) {
    indexes = `[${path[end - 1]}]${indexes}`
    end--
    container = valueAt(input, path.slice(0, end - 1))
  }
  return `${end === 0 ? 'input' : clip(path[end - 1]!)}${indexes}`
}

/** `a string, a number or a boolean`. */
export function typePhrase(types: readonly JsonType[]): string {
  const words = [...new Set(types)].map((type) => ARTICLES[type])
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
    : (words[0] ?? 'valid')
}

/** What kind of value a person sent, without echoing it (inputs can hold personal data). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return 'a number'
    return Number.isFinite(value) ? 'a fractional number' : 'a non-finite number'
  }
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string'
  if (typeof value === 'object') return 'an object'
  return typeof value === 'boolean' ? 'a boolean' : String(typeof value)
}

/** An allowed value as a person reads it: `Label (value)` when Tray gives a label that differs. */
export function choicePhrase(value: unknown, label: unknown): string {
  // A value with no JSON text (too deep to write out) is named by its kind.
  const text = clip(typeof value === 'string' ? value : (jsonText(value) ?? describeValue(value)))
  return typeof label === 'string' && label !== text ? `${clip(label)} (${text})` : text
}

/** `Equal to, Not equal to, …`, capped so a long enum does not drown the message. */
export function choicesPhrase(values: readonly unknown[], labels: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED).map((value, i) => choicePhrase(value, labels[i]))
  const more = values.length - shown.length
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ')
}

/** The known name a mistyped one most likely meant, if any is close enough. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.min(2, Math.floor(name.length / 3))
  for (const candidate of known) {
    if (candidate.toLowerCase() === name.toLowerCase()) return candidate
    const distance = editDistance(name, candidate, bestDistance)
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

// Levenshtein distance, giving up (returning limit + 1) once it is past `limit`.
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution)
    }
    if (Math.min(...current) > limit) return limit + 1
    previous = current
  }
  return previous[b.length]!
}
