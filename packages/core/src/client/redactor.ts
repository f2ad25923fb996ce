const REDACTED = '[redacted]'

/** A run of this many characters of a token is treated as the token: a cut message keeps no usable prefix. */
export const MIN_SECRET_FRAGMENT = 12

/**
 * Tokens shorter than this are not Tray tokens (Tray's are tens of characters) but test and mock
 * tokens such as `mock`: they are redacted only where they stand as a credential, `Bearer <token>`.
 */
export const MIN_SECRET_LENGTH = 8

/** Removes one secret from what is printed, logged or answered. */
export interface Redactor {
  /**
   * The text with the secret replaced by `[redacted]`: as written, JSON-escaped (`\uXXXX` for any
   * character, `\/`, any number of backslashes before them), URL-encoded (`%XX`), and any run of
   * at least 12 consecutive characters of it in those spellings.
   */
  text(s: string): string
  /** A deep copy of a JSON-like value with every string and key passed through `text`. */
  value<T>(v: T): T
}

/**
 * Makes the redactor of one secret (a token). Redaction belongs to the surfaces that print or
 * return errors: it runs on parsed strings, before any cut, and never on successful data.
 *
 * - A token of 12 characters or more: it and every fragment of 12 or more of its characters.
 * - 8 to 11 characters: the whole token, wherever it stands.
 * - Under 8 characters (`t`, `test`, `mock`): only `Bearer <token>` as a whole word. Such a token
 *   is not a real Tray token, and replacing it everywhere would rewrite ordinary words
 *   ("created in mocked hubspot", "slack 9.0").
 */
export function createRedactor(secret: string | undefined): Redactor {
  const text = secret ? textRedactor(secret) : (s: string) => s
  return {
    text: (s) => (typeof s === 'string' ? text(s) : s),
    value: (v) => copyValue(v, text),
  }
}

function textRedactor(secret: string): (s: string) => string {
  if (secret.length < MIN_SECRET_LENGTH) {
    return (s) => {
      if (!/bearer/i.test(s)) return s
      const stream = decode(s)
      return replaceSpans(s, stream, bearerSpans(stream.plain, secret))
    }
  }
  const min = Math.min(MIN_SECRET_FRAGMENT, secret.length)
  const automaton = buildAutomaton(secret)
  return (s) => {
    if (s.length < min) return s
    const stream = decode(s)
    return replaceSpans(s, stream, fragmentSpans(stream.plain, automaton, min))
  }
}

/** The text with its escapes undone, and where each of its characters starts in the original. */
interface Stream {
  plain: string
  /** `starts[k]` is where plain character k starts in the original; one more entry for the end. */
  starts: number[] | undefined
}

function decode(s: string): Stream {
  if (!s.includes('\\') && !s.includes('%')) return { plain: s, starts: undefined }
  const chars: string[] = []
  const starts: number[] = []
  let i = 0
  // Where the current run of backslashes ends, found once per run: rescanning it at each of
  // its characters would make a long run (input a caller controls) cost its length squared.
  let runEnd = 0
  while (i < s.length) {
    starts.push(i)
    if (i >= runEnd && s[i] === '\\') {
      runEnd = i
      while (s[runEnd] === '\\') runEnd++
    }
    const [ch, length] = decodeAt(s, i, runEnd)
    chars.push(ch)
    i += length
  }
  starts.push(s.length)
  return { plain: chars.join(''), starts }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/**
 * The character an escape at `i` stands for, and its length; a plain character otherwise.
 * `runEnd` is where the run of backslashes holding `i` ends.
 */
function decodeAt(s: string, i: number, runEnd: number): [string, number] {
  const ch = s[i] as string
  if (ch === '%') {
    const hex = s.slice(i + 1, i + 3)
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      const code = Number.parseInt(hex, 16)
      if (code < 0x80) return [String.fromCharCode(code), 3]
    }
    return [ch, 1]
  }
  if (ch !== '\\') return [ch, 1]
  // Any number of backslashes: a token JSON-escaped twice (a message quoting a JSON body) too.
  const k = runEnd
  const next = s[k]
  if (next === 'u') {
    const hex = s.slice(k + 1, k + 5)
    if (/^[0-9a-f]{4}$/i.test(hex))
      return [String.fromCharCode(Number.parseInt(hex, 16)), k + 5 - i]
  }
  if (next === '/') return ['/', k + 1 - i]
  const simple = SIMPLE_ESCAPES[s[i + 1] ?? '']
  if (simple !== undefined) return [simple, 2]
  return [ch, 1]
}

/** Spans of `plain` (inclusive start, exclusive end), sorted and merged, to replace. */
type Spans = Array<[number, number]>

function replaceSpans(original: string, stream: Stream, spans: Spans): string {
  if (spans.length === 0) return original
  const at = (k: number) => (stream.starts ? (stream.starts[k] as number) : k)
  let out = ''
  let from = 0
  for (const [start, end] of spans) {
    out += `${original.slice(from, at(start))}${REDACTED}`
    from = at(end)
  }
  return out + original.slice(from)
}

function addSpan(spans: Spans, start: number, end: number): void {
  const last = spans[spans.length - 1]
  if (last && start <= last[1]) last[1] = Math.max(last[1], end)
  else spans.push([start, end])
}

/** The characters a token is made of, after which `Bearer <token>` would go on. */
const TOKEN_CHAR = /[A-Za-z0-9_\-~+/=]/

function bearerSpans(plain: string, secret: string): Spans {
  const spans: Spans = []
  for (const match of plain.matchAll(/\bbearer\s+/gi)) {
    const start = match.index + match[0].length
    const end = start + secret.length
    if (plain.startsWith(secret, start) && !TOKEN_CHAR.test(plain[end] ?? '')) {
      addSpan(spans, start, end)
    }
  }
  return spans
}

/** The suffix automaton of the secret: it recognises every substring of it. */
interface Automaton {
  next: Array<Map<number, number>>
  link: number[]
  length: number[]
}

function buildAutomaton(secret: string): Automaton {
  const next: Array<Map<number, number>> = [new Map()]
  const link = [-1]
  const length = [0]
  let last = 0
  for (let i = 0; i < secret.length; i++) {
    const c = secret.charCodeAt(i)
    const cur = next.length
    next.push(new Map())
    length.push((length[last] as number) + 1)
    link.push(0)
    let p = last
    while (p !== -1 && !(next[p] as Map<number, number>).has(c)) {
      ;(next[p] as Map<number, number>).set(c, cur)
      p = link[p] as number
    }
    if (p !== -1) {
      const q = (next[p] as Map<number, number>).get(c) as number
      if ((length[p] as number) + 1 === length[q]) {
        link[cur] = q
      } else {
        const clone = next.length
        next.push(new Map(next[q]))
        length.push((length[p] as number) + 1)
        link.push(link[q] as number)
        while (p !== -1 && (next[p] as Map<number, number>).get(c) === q) {
          ;(next[p] as Map<number, number>).set(c, clone)
          p = link[p] as number
        }
        link[q] = clone
        link[cur] = clone
      }
    }
    last = cur
  }
  return { next, link, length }
}

/**
 * Every run of at least `min` characters of `plain` that is a substring of the secret: the
 * longest match ending at each character, in one pass over the text.
 */
function fragmentSpans(plain: string, automaton: Automaton, min: number): Spans {
  const { next, link, length } = automaton
  const spans: Spans = []
  let state = 0
  let matched = 0
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i)
    while (state !== 0 && !(next[state] as Map<number, number>).has(c)) {
      state = link[state] as number
      matched = length[state] as number
    }
    const to = (next[state] as Map<number, number>).get(c)
    if (to === undefined) {
      matched = 0
    } else {
      state = to
      matched++
    }
    if (matched >= min) addSpan(spans, i + 1 - matched, i + 1)
  }
  return spans
}

/**
 * A copy of a JSON-like value (plain objects and arrays; other objects are kept as they are)
 * with every string and key redacted. Walks without recursion, so a body nested 20 000 levels
 * deep is copied too; shared and cyclic references stay shared.
 */
function copyValue<T>(value: T, text: (s: string) => string): T {
  if (typeof value === 'string') return text(value) as T
  if (!isCopied(value)) return value
  const copies = new Map<object, Record<string, unknown> | unknown[]>()
  const pending: Array<[object, Record<string, unknown> | unknown[]]> = []
  const convert = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v)
    if (!isCopied(v)) return v
    let copy = copies.get(v)
    if (!copy) {
      copy = Array.isArray(v)
        ? new Array<unknown>(v.length)
        : Object.getPrototypeOf(v) === null
          ? (Object.create(null) as Record<string, unknown>)
          : {}
      copies.set(v, copy)
      pending.push([v, copy])
    }
    return copy
  }
  const root = convert(value)
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [source, copy] = item
    if (Array.isArray(source)) {
      for (let i = 0; i < source.length; i++) (copy as unknown[])[i] = convert(source[i])
      continue
    }
    for (const key of Object.keys(source)) {
      // A `__proto__` key of parsed JSON is data: define it, never set the copy's prototype.
      Object.defineProperty(copy, text(key), {
        value: convert((source as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
  }
  return root as T
}

function isCopied(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) return true
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
