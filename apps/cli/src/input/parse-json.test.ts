import { describe, expect, it } from 'vitest'
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

  it('is a usage error (exit 2)', () => {
    expect(() => parseJson('{', 'x')).toThrow(expect.objectContaining({ exitCode: 2 }))
  })
})
