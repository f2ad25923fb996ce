import type { JsonRedactor, Redactor } from '@traykit/core/server'

// Most answers hold no trace of the token. Core's JSON redactor (createJsonRedactor, the HTTP
// handler's) rules that out with a few searches of the JSON text; any other redactor copies
// the value string by string, which for a tool list costs more than the list itself.

/** The JSON text of `value` with the token out of every string and key. */
export function redactedJson(value: unknown, redact: Redactor | undefined): string {
  if (redact === undefined) return JSON.stringify(value) ?? 'null'
  if (isJsonRedactor(redact)) return redact.json(JSON.stringify(value) ?? 'null')
  return JSON.stringify(redact.value(value)) ?? 'null'
}

/**
 * A copy of `value` with the token out of every string and key: always a copy, so what a caller
 * does with it changes nothing the server keeps.
 */
export function redactedCopy<T>(value: T, redact: Redactor | undefined): T {
  if (redact !== undefined && !isJsonRedactor(redact)) return redact.value(value)
  const text = JSON.stringify(value)
  if (text === undefined) return value
  return JSON.parse(redact ? redact.json(text) : text) as T
}

function isJsonRedactor(redact: Redactor): redact is JsonRedactor {
  return typeof (redact as Partial<JsonRedactor>).json === 'function'
}
