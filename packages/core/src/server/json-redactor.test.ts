import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRedactor } from '../client/redactor'
import { createJsonRedactor } from './json-redactor'

/** What core's redactor alone makes of a JSON answer: the reference the fast path must match. */
function reference(token: string, value: unknown): string {
  const redactor = createRedactor(token)
  const text = JSON.stringify(value)
  return redactor.text(text) === text ? text : JSON.stringify(redactor.value(value))
}

/** Ways a token (or a part of it) may be written inside a string. */
function spellings(token: string) {
  const part = fc
    .tuple(fc.nat(token.length), fc.nat(token.length))
    .map(([a, b]) => token.slice(Math.min(a, b), Math.max(a, b)))
  return fc.oneof(
    fc.constant(token),
    part,
    part.map((p) =>
      [...p].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    ),
    part.map((p) => p.replaceAll('/', '\\/').replaceAll('+', '\\u002B')),
    part.map((p) => encodeURIComponent(p)),
    part.map((p) => `Bearer ${p}`),
    fc.string(),
    fc.constantFrom('%41', '\\', '"', 'bearer', '\n'),
  )
}

describe('the JSON redactor', () => {
  it.each([
    ['a long token', 'tray-master+7Hq2/ZkP9xLw4'],
    ['a token of 8 to 11 characters', 'tok-9xLw4'],
    ['a short token', 'mock'],
    ['a token JSON escapes', 'tok"en\\with-escapes'],
  ])('answers exactly what core redacts, for %s', (_name, token) => {
    const json = createJsonRedactor(token)
    const text = fc.array(spellings(token), { maxLength: 6 }).map((parts) => parts.join(''))
    const value = fc.oneof(
      text,
      fc.dictionary(text, text, { maxKeys: 3 }),
      fc.array(fc.record({ message: text, code: fc.option(text) }), { maxLength: 3 }),
    )
    fc.assert(
      fc.property(value, (v) => {
        expect(json.json(JSON.stringify(v))).toBe(reference(token, v))
      }),
      { numRuns: 500 },
    )
  })

  it('leaves an answer without the token as it is', () => {
    const json = createJsonRedactor('tray-master-7Hq2ZkP9xLw4')
    const text = JSON.stringify({ elements: [{ name: 'slack', description: 'a\nb %20 \\' }] })
    expect(json.json(text)).toBe(text)
  })
})
