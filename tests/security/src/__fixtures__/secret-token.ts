import { Buffer } from 'node:buffer'
import { stripVTControlCharacters } from 'node:util'

/** The token every entry point runs with: recognisable, and no real Tray token. */
export const TOKEN = 'tray_SECRET_4f0c9d1e_TOKEN'

/**
 * A second token holding `/` and `+`, which JSON may escape (`\/`, `\u002B`) and URLs encode:
 * the spellings a redactor that only knows the token as written misses.
 */
export const SLASH_TOKEN = 'tray/SECRET+7b3e2a90/TOKEN+x'

/** An authentication the scan's mocks hold, for calls and lookups. */
export const AUTH_ID = '7d4c1f0e-9b2a-4c3d-8e5f-6a7b8c9d0e1f'

/** What one entry point printed, returned or logged. */
export interface Capture {
  source: Source
  /** The case and the form it was read in, e.g. `core 500 echo: util.inspect`. */
  what: string
  text: string
}

/** The four packages whose entry points the scan runs. */
export type Source = 'core' | 'cli' | 'edge' | 'mock'

/** A spelling of the token that must appear nowhere. */
interface TokenForm {
  name: string
  needle: string
  ignoreCase: boolean
}

/**
 * Parts this long are distinctive: a truncated or partly redacted token still shows one. The
 * redactors promise to remove fragments of 12 characters; the scan holds them to 8.
 */
const PART_LENGTH = 8

/**
 * Every way the token could leak: as is (in any case), JSON- and URL-encoded, in base64 and
 * base64url at each of the three byte alignments (so it is found inside the encoding of a
 * longer text such as `Bearer <token>`), and any 8 characters of it in a row. Escaped spellings
 * (`\u0074…`, `\/`, `%2F`, `&#47;`) are found by scanning each text decoded too.
 */
function tokenForms(token: string): TokenForm[] {
  const forms: TokenForm[] = [
    { name: 'the token', needle: token, ignoreCase: true },
    {
      name: 'the token, JSON-escaped',
      needle: JSON.stringify(token).slice(1, -1),
      ignoreCase: true,
    },
    { name: 'the token, URL-encoded', needle: encodeURIComponent(token), ignoreCase: true },
  ]
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from('\0'.repeat(shift) + token).toString('base64')
    // Drop the groups that also encode bytes around the token: they change with the context.
    const whole = encoded.slice(shift === 0 ? 0 : 4, Math.floor((shift + token.length) / 3) * 4)
    forms.push({ name: `the token in base64 (offset ${shift})`, needle: whole, ignoreCase: false })
    forms.push({
      name: `the token in base64url (offset ${shift})`,
      needle: whole.replaceAll('+', '-').replaceAll('/', '_'),
      ignoreCase: false,
    })
  }
  for (let i = 0; i + PART_LENGTH <= token.length; i++) {
    const part = token.slice(i, i + PART_LENGTH)
    forms.push({ name: `a part of the token ("…${part}…")`, needle: part, ignoreCase: false })
  }
  const seen = new Set<string>()
  return forms.filter((form) => !seen.has(form.needle) && seen.add(form.needle))
}

/** One place a form of the token was found. */
export interface Leak {
  source: Source
  what: string
  form: string
  /** The text around it, the match replaced by `<…>`. */
  context: string
}

const FORMS = new Map<string, TokenForm[]>()

function formsOf(token: string): TokenForm[] {
  let forms = FORMS.get(token)
  if (!forms) {
    forms = tokenForms(token)
    FORMS.set(token, forms)
  }
  return forms
}

/**
 * Every form of a token (TOKEN unless given) in the captures: in the raw text, with terminal
 * colour codes removed, and decoded (JSON, URL and HTML escapes, up to three layers deep, as
 * when an escaped echo is quoted in a JSON answer that is printed as JSON again).
 */
export function findLeaks(captures: readonly Capture[], token: string = TOKEN): Leak[] {
  const leaks: Leak[] = []
  const forms = formsOf(token)
  for (const capture of captures) {
    const plain = stripVTControlCharacters(capture.text)
    const texts = [capture.text, plain, ...decodings(plain)]
    for (const form of forms) {
      const hit = texts
        .map((text) => ({ text, at: indexOf(text, form) }))
        .find((candidate) => candidate.at >= 0)
      if (!hit) continue
      const { text, at } = hit
      const end = at + form.needle.length
      const context = `${text.slice(Math.max(0, at - 40), at)}<…>${text.slice(end, end + 40)}`
      leaks.push({ source: capture.source, what: capture.what, form: form.name, context })
      // One form per capture shows the leak; its parts would repeat it many times over.
      break
    }
  }
  return leaks
}

/** The text decoded once, twice and three times, each layer that changes it. */
function decodings(text: string): string[] {
  const layers: string[] = []
  let current = text
  for (let depth = 0; depth < 3; depth++) {
    const next = decodeOnce(current)
    if (next === current) break
    layers.push(next)
    current = next
  }
  return layers
}

/** One layer of JSON string escapes, URL percent-escapes and HTML character references undone. */
function decodeOnce(text: string): string {
  return (
    text
      // One pass from left to right, so `\\u0074` (an escaped escape) loses one layer only.
      .replace(/\\(u[0-9a-fA-F]{4}|[/\\"'bfnrt])/g, (_, sequence: string) =>
        sequence.length === 5
          ? String.fromCharCode(Number.parseInt(sequence.slice(1), 16))
          : (JSON_ESCAPES[sequence] ?? sequence),
      )
      .replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      )
      .replace(/&#[xX]([0-9a-fA-F]{1,6});/g, (_, hex: string) =>
        codePoint(Number.parseInt(hex, 16)),
      )
      .replace(/&#(\d{1,7});/g, (_, dec: string) => codePoint(Number(dec)))
      .replace(/&(amp|lt|gt|quot|apos|sol|plus);/g, (_, name: string) => HTML_NAMES[name] ?? '')
  )
}

const JSON_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
const HTML_NAMES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  sol: '/',
  plus: '+',
}

function codePoint(n: number): string {
  return n <= 0x10ffff ? String.fromCodePoint(n) : ''
}

function indexOf(text: string, form: TokenForm): number {
  return form.ignoreCase
    ? text.toLowerCase().indexOf(form.needle.toLowerCase())
    : text.indexOf(form.needle)
}
