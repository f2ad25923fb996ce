import {
  createRedactor,
  MIN_SECRET_FRAGMENT,
  MIN_SECRET_LENGTH,
  type Redactor,
} from '../client/redactor'

/** Core's redactor of one token, which also redacts whole JSON texts (a server's answers). */
export interface JsonRedactor extends Redactor {
  /** JSON text with the token out of every string and key. */
  json(text: string): string
}

/**
 * Escapes that could spell a character of a token in JSON text or a URL: `\uXXXX`, `\/`
 * (after any number of backslashes) and `%XX`. JSON.stringify writes none of them for the
 * printable characters a token is made of, so text without them holds the token only as written.
 */
const TOKEN_ESCAPES = /\\u|\\\/|%[0-9A-Fa-f]{2}/

/**
 * Makes the JSON redactor of one token. Redacting a body goes value by value (core's
 * `redactor.value`), so no match can break the JSON around it. Most answers hold no trace of
 * the token, and core's scan of a whole catalog costs milliseconds, so a cheap test comes
 * first: where no escape could spell a token character, a fragment of the token can only be
 * there as written, and a few native searches rule that out. Any doubt goes to core's redactor.
 */
export function createJsonRedactor(token: string): JsonRedactor {
  const redactor = createRedactor(token)
  const clear = clearTest(token)
  return {
    text: redactor.text,
    value: redactor.value,
    json(text) {
      if (clear(text) || redactor.text(text) === text) return text
      return JSON.stringify(redactor.value(JSON.parse(text)))
    },
  }
}

/** A test that is true only when `text` surely holds nothing core's redactor would replace. */
function clearTest(token: string): (text: string) => boolean {
  // Only printable ASCII but `"` and `\`: other characters JSON may write escaped.
  if (!/^[!#-[\]-~]+$/.test(token)) return () => false
  if (token.length < MIN_SECRET_LENGTH) {
    // Core replaces such a token only in `Bearer <token>`.
    return (text) => !TOKEN_ESCAPES.test(text) && !/bearer/i.test(text)
  }
  // Every run of the token that core replaces holds one of these windows, as written.
  const size = Math.min(token.length, MIN_SECRET_FRAGMENT)
  const windows: string[] = []
  for (let i = 0; i + size <= token.length; i++) windows.push(token.slice(i, i + size))
  return (text) => !TOKEN_ESCAPES.test(text) && !windows.some((w) => text.includes(w))
}
