import { describe, expect, it } from 'vitest'
import { createRedactor, MIN_SECRET_FRAGMENT } from './redactor'

const TOKEN = 'tok_live_5f3a9c1e7b2d4f6a8c0e'
const SLASHED = 'tok/live+5f3a9c1e7b2d/4f6a8c0e+'

/** Every character as `\uXXXX`, as a JSON encoder that escapes everything writes it. */
const unicodeEscaped = (s: string) =>
  [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

/** True when the text holds no run of `MIN_SECRET_FRAGMENT` characters of the secret. */
function holdsNoFragment(text: string, secret: string): boolean {
  for (let i = 0; i + MIN_SECRET_FRAGMENT <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + MIN_SECRET_FRAGMENT))) return false
  }
  return true
}

describe('createRedactor(token).text', () => {
  const redact = createRedactor(TOKEN)

  it.each([
    ['as written', `Bearer ${TOKEN}`],
    ['JSON-escaped, every character', `Bearer ${unicodeEscaped(TOKEN)}`],
    [
      'JSON-escaped in upper-case hex',
      `Bearer ${unicodeEscaped(TOKEN).toUpperCase().replaceAll('\\U', '\\u')}`,
    ],
    ['JSON-escaped twice', `Bearer ${unicodeEscaped(TOKEN).replaceAll('\\', '\\\\')}`],
    ['URL-encoded', `?token=${[...TOKEN].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}`],
  ])('removes the token %s', (_, text) => {
    const out = redact.text(text)
    expect(out).toContain('[redacted]')
    expect(holdsNoFragment(out, TOKEN)).toBe(true)
    expect(out).not.toMatch(/\\u00[0-9a-f]{2}|%[0-9a-f]{2}/i)
  })

  it('removes a token with / and + in every JSON spelling, mixed', () => {
    const redactSlashed = createRedactor(SLASHED)
    const spellings = [
      SLASHED,
      JSON.stringify(SLASHED).slice(1, -1),
      SLASHED.replaceAll('/', '\\/'),
      SLASHED.replaceAll('+', '\\u002B'),
      SLASHED.replaceAll('/', '\\/').replaceAll('+', '\\u002b'),
      SLASHED.replaceAll('/', '%2F').replaceAll('+', '%2b'),
    ]
    for (const spelling of spellings) {
      expect(redactSlashed.text(`x Bearer ${spelling} y`)).toBe('x Bearer [redacted] y')
    }
  })

  it('removes a prefix or a suffix of 12 characters or more: a message cut inside the token', () => {
    for (let cut = MIN_SECRET_FRAGMENT; cut < TOKEN.length; cut++) {
      expect(redact.text(`Bearer ${TOKEN.slice(0, cut)}…`)).toBe('Bearer [redacted]…')
      expect(redact.text(`…${TOKEN.slice(-cut)} end`)).toBe('…[redacted] end')
      expect(redact.text(`Bearer ${unicodeEscaped(TOKEN).slice(0, cut * 6)}`)).toBe(
        'Bearer [redacted]',
      )
    }
  })

  it('keeps runs shorter than 12 characters and everything around the token', () => {
    const short = TOKEN.slice(3, 3 + MIN_SECRET_FRAGMENT - 1)
    expect(redact.text(`id ${short} ok`)).toBe(`id ${short} ok`)
    expect(redact.text(`a${TOKEN}b${TOKEN}c`)).toBe('a[redacted]b[redacted]c')
    expect(redact.text('plain text, 100% fine \\n')).toBe('plain text, 100% fine \\n')
  })

  it('a token of 8 to 11 characters is removed whole, wherever it stands', () => {
    const r = createRedactor('abcd1234')
    expect(r.text('xabcd1234y and abcd123')).toBe('x[redacted]y and abcd123')
  })

  it.each(['x', 'a', 'e', 't', 'test', 'mock', 'slack'])(
    'a token under 8 characters (%j) is removed only as "Bearer <token>"',
    (token) => {
      const r = createRedactor(token)
      const message =
        'Connector not found: slack 9.0; created in mocked hubspot; test text elements'
      expect(r.text(message)).toBe(message)
      expect(r.text(`Authorization: Bearer ${token}`)).toBe('Authorization: Bearer [redacted]')
      expect(r.text(`bearer ${unicodeEscaped(token)}, again`)).toBe('bearer [redacted], again')
      expect(r.text(`Bearer ${token}s`)).toBe(`Bearer ${token}s`)
    },
  )

  it('reads a long run of backslashes once: a caller-sized input stays linear', () => {
    // Read quadratically, a million backslashes would take hours: the test's bound catches it.
    const run = '\\'.repeat(1_000_000)
    const text = `${run}x Bearer ${TOKEN}`
    expect(createRedactor(TOKEN).text(text)).toBe(`${run}x Bearer [redacted]`)
  })

  it('without a secret, changes nothing', () => {
    expect(createRedactor(undefined).text(`Bearer ${TOKEN}`)).toBe(`Bearer ${TOKEN}`)
    expect(createRedactor('').text('Bearer x')).toBe('Bearer x')
  })
})

describe('createRedactor(token).value', () => {
  const redact = createRedactor(TOKEN)

  it('returns a copy with every string and key redacted', () => {
    const body = JSON.parse(
      `{"message":"Bearer ${unicodeEscaped(TOKEN)}","list":[1,true,null,"${TOKEN}"],"${TOKEN}":{"n":2}}`,
    )
    const copy = redact.value(body)
    expect(copy).toEqual({
      message: 'Bearer [redacted]',
      list: [1, true, null, '[redacted]'],
      '[redacted]': { n: 2 },
    })
    expect(body.list[3]).toBe(TOKEN)
    expect(copy).not.toBe(body)
  })

  it('copies a __proto__ key as data, a body 20 000 levels deep, and cycles', () => {
    const polluted = redact.value(JSON.parse('{"__proto__":{"polluted":true}}'))
    expect(Object.getPrototypeOf(polluted)).toBe(Object.prototype)
    expect(Object.keys(polluted)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()

    const deep = JSON.parse(`${'{"a":'.repeat(20_000)}"${TOKEN}"${'}'.repeat(20_000)}`)
    let node = redact.value(deep)
    for (let i = 0; i < 20_000; i++) node = node.a
    expect(node).toBe('[redacted]')

    const cyclic: Record<string, unknown> = { s: TOKEN }
    cyclic.self = cyclic
    const copy = redact.value(cyclic)
    expect(copy.self).toBe(copy)
    expect(copy.s).toBe('[redacted]')
  })

  it('keeps numbers, booleans, null and non-plain objects as they are', () => {
    const date = new Date(0)
    expect(redact.value(5)).toBe(5)
    expect(redact.value(null)).toBe(null)
    expect(redact.value({ date }).date).toBe(date)
  })
})
