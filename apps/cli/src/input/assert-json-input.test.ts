import { describe, expect, it } from 'vitest'
import { assertJsonInput, MAX_INPUT_DEPTH } from './assert-json-input'

/** An object `depth` levels deep: `{ a: { a: … { a: 1 } } }`. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { a: 1 }
  for (let i = 1; i < depth; i++) value = { a: value }
  return value
}

describe('assertJsonInput', () => {
  it('takes plain JSON up to the depth limit', () => {
    expect(() => assertJsonInput({ a: [1, 'x', null, true, { b: 1.5 }] }, '--input')).not.toThrow()
    expect(() => assertJsonInput(nested(MAX_INPUT_DEPTH), '--input')).not.toThrow()
  })

  it.each([
    [
      nested(MAX_INPUT_DEPTH + 1),
      `--input nests deeper than ${MAX_INPUT_DEPTH} levels at input.a.a`,
    ],
    [
      { rows: [{ n: 1 }, { n: Number.POSITIVE_INFINITY }] },
      '--input has a number too large for JSON at input.rows.1.n',
    ],
    [
      JSON.parse('{"a":{"__proto__":{"x":1}}}'),
      '--input has a "__proto__" key at input.a.__proto__',
    ],
  ])('refuses %#, naming where', (value, message) => {
    expect(() => assertJsonInput(value, '--input')).toThrow(message)
  })

  it('walks without recursion, and names a deep place by its start', () => {
    let error: Error | undefined
    try {
      assertJsonInput(nested(100_000), '--input')
    } catch (e) {
      error = e as Error
    }
    expect(error?.message).toMatch(/^--input nests deeper than 256 levels at input(\.a)+…$/)
    expect(error?.message.length).toBeLessThan(150)
  })
})
