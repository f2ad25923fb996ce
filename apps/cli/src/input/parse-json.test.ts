import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { brokenJson } from '../__fixtures__/hostile-input'
import { parseJson } from './parse-json'

function failure(text: string): string {
  try {
    parseJson(text, '--input')
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('parsed')
}

describe('parseJson', () => {
  it('parses JSON', () => {
    expect(parseJson('{"a":[1,true,null,"x"]}', '--input')).toEqual({ a: [1, true, null, 'x'] })
  })

  it.each([
    ['{"a":1,}', 'expected a property name in double quotes at line 1, column 8'],
    ['{\n  "a": 1\n  "b": 2\n}', "expected ',' or '}' at line 3, column 3"],
    ["{'a': 1}", 'expected a property name in double quotes at line 1, column 2'],
    ['{"a": \'x\'}', 'strings need double quotes at line 1, column 7'],
    ['[1, 2', "unexpected end of input (expected ',' or ']') at line 1, column 6"],
    [
      '{"a": "line\nbreak"}',
      'line break or control character inside a string at line 1, column 12',
    ],
    ['{"a": 01}', "expected ',' or '}' at line 1, column 8"],
    ['{"a": -}', 'invalid number at line 1, column 7'],
    ['{} {}', 'unexpected text after the JSON value at line 1, column 4'],
    ['', 'unexpected end of input (expected a value) at line 1, column 1'],
    ['{"a": "\\x"}', 'invalid escape in a string at line 1, column 8'],
  ])('says where %j breaks', (text, where) => {
    expect(failure(text)).toBe(`--input is not valid JSON: ${where}`)
  })

  it('never quotes the text back', () => {
    expect(failure('{"token": "s3cret-value" oops}')).not.toContain('s3cret')
  })

  it('skips a byte order mark, counting columns after it', () => {
    expect(parseJson('\uFEFF{"a":1}', '--input')).toEqual({ a: 1 })
    expect(failure('\uFEFF{"a":}')).toBe(
      '--input is not valid JSON: expected a value at line 1, column 6',
    )
  })

  it('is a usage error (exit 2)', () => {
    expect(() => parseJson('{', 'x')).toThrow(expect.objectContaining({ exitCode: 2 }))
  })

  it('agrees with JSON.parse on what is JSON, and points inside the text where it is not', () => {
    fc.assert(
      fc.property(fc.oneof(brokenJson, fc.json(), fc.string({ unit: 'binary' })), (text) => {
        let expected: unknown
        try {
          expected = JSON.parse(text.replace(/^\uFEFF/, ''))
        } catch {
          const message = failure(text)
          const at = /^--input is not valid JSON: (.+) at line (\d+), column (\d+)$/.exec(message)
          expect(at, message).not.toBeNull()
          // The scanner found the break JSON.parse found, not its fallback for deep nesting.
          expect(at![1]).not.toBe('nested too deeply')
          const lines = text.split('\n')
          expect(Number(at![2])).toBeLessThanOrEqual(lines.length)
          expect(Number(at![3])).toBeLessThanOrEqual(lines[Number(at![2]) - 1]!.length + 1)
          return
        }
        expect(parseJson(text, '--input')).toEqual(expected)
      }),
      { numRuns: 1000 },
    )
  })
})
