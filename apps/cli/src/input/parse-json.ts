import { usageError } from '../cli-error'

/**
 * Parses JSON typed by a person, and when it is broken says where (line and column) and why,
 * without quoting the text back: it may hold a secret.
 */
export function parseJson(given: string, source: string): unknown {
  // Some editors start a UTF-8 file with a byte order mark, which JSON readers may ignore.
  const text = given.startsWith('\uFEFF') ? given.slice(1) : given
  try {
    return JSON.parse(text)
  } catch {
    const { offset, reason } = findSyntaxError(text)
    const { line, column } = lineAndColumn(text, offset)
    throw usageError(`${source} is not valid JSON: ${reason} at line ${line}, column ${column}`)
  }
}

/** The line and column (1-based) of an offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}

class SyntaxErrorAt {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERALS = ['true', 'false', 'null']

/** Scans JSON that `JSON.parse` refused, for the first place it breaks. */
function findSyntaxError(text: string): { offset: number; reason: string } {
  let i = 0
  const fail = (reason: string): never => {
    throw new SyntaxErrorAt(i, i >= text.length ? `unexpected end of input (${reason})` : reason)
  }
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const string = () => {
    i++
    while (i < text.length) {
      const c = text[i]!
      if (c === '"') {
        i++
        return
      }
      if (c === '\\') {
        if ('"\\/bfnrt'.includes(text[i + 1] ?? '')) i += 2
        else if (text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6
        else fail('invalid escape in a string')
      } else if (c < ' ') {
        fail('line break or control character inside a string')
      } else {
        i++
      }
    }
    fail('unterminated string')
  }
  const value = (): void => {
    space()
    const c = text[i]
    const literal = LITERALS.find((word) => text.startsWith(word, i))
    NUMBER.lastIndex = i
    if (c === '{') container('}', true)
    else if (c === '[') container(']', false)
    else if (c === '"') string()
    else if (literal) i += literal.length
    else if (c !== undefined && /[-\d]/.test(c) && NUMBER.test(text)) i = NUMBER.lastIndex
    else if (c !== undefined && /[-\d]/.test(c)) fail('invalid number')
    else fail(c === "'" ? 'strings need double quotes' : 'expected a value')
  }
  const container = (close: string, object: boolean) => {
    i++
    space()
    if (text[i] === close) {
      i++
      return
    }
    for (;;) {
      space()
      if (object) {
        if (text[i] !== '"') fail('expected a property name in double quotes')
        string()
        space()
        if (text[i] !== ':') fail("expected ':' after the property name")
        i++
      }
      value()
      space()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === close) {
        i++
        return
      }
      fail(`expected ',' or '${close}'`)
    }
  }
  try {
    value()
    space()
    if (i < text.length) fail('unexpected text after the JSON value')
  } catch (error) {
    if (error instanceof SyntaxErrorAt) return error
    // Nesting deep enough to overflow the stack: JSON.parse refused for the same reason.
  }
  return { offset: 0, reason: 'nested too deeply' }
}
