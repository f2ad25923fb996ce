import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testIo } from '../__fixtures__/cli-runs'
import { inputText } from '../__fixtures__/hostile-input'
import { prototypeNames } from '../__fixtures__/prototype-names'
import { tempDir } from '../__fixtures__/temp-dir'
import { CliError } from '../cli-error'
import { runWithIo } from '../cli-io'
import { MAX_INPUT_DEPTH } from './assert-json-input'
import { readInput } from './read-input'

let dir: string

beforeAll(async () => {
  dir = await tempDir()
})

/** `--input` given inline, in a file (`@input.json`) or on stdin (`-`). */
const SOURCES = {
  inline: { source: '--input', read: (text: string) => read(text) },
  file: {
    source: '--input file input.json',
    read: async (text: string) => {
      await writeFile(join(dir, 'input.json'), text)
      return read('@input.json')
    },
  },
  stdin: { source: '--input from stdin', read: (text: string) => read('-', text) },
}

function read(flag: string, stdin = '') {
  return runWithIo(testIo({ stdin, cwd: dir }), () => readInput(flag))
}

/** The value read, or the message of the usage error (exit 2) it was refused with. */
async function attempt(
  source: keyof typeof SOURCES,
  text: string,
): Promise<{ value?: unknown; message?: string }> {
  try {
    return { value: await SOURCES[source].read(text) }
  } catch (error) {
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).exitCode).toBe(2)
    return { message: (error as CliError).message }
  }
}

describe('readInput', () => {
  it.each([
    ['inline', '{"a":[1,{"b":null}]}'],
    ['file', '\uFEFF{"a":[1,{"b":null}]}'],
    ['stdin', '  {"a":[1,{"b":null}]}\n'],
  ] as const)('reads an object given %s', async (source, text) => {
    expect(await SOURCES[source].read(text)).toEqual({ a: [1, { b: null }] })
  })

  it.each([
    ['[1]', "--input must be a JSON object (the operation's input), got an array"],
    [
      '{"a":',
      '--input is not valid JSON: unexpected end of input (expected a value) at line 1, column 6',
    ],
    ['{"a":{"__proto__":{"x":1}}}', '--input has a "__proto__" key at input.a.__proto__'],
    ['{"n":[1e400]}', '--input has a number too large for JSON at input.n.0'],
    [
      `${'{"a":'.repeat(MAX_INPUT_DEPTH + 1)}1${'}'.repeat(MAX_INPUT_DEPTH + 1)}`,
      `--input nests deeper than ${MAX_INPUT_DEPTH} levels at input.a.a.a`,
    ],
    [`${'['.repeat(20_000)}`, '--input is not valid JSON: nested too deeply at line 1, column 1'],
  ])('refuses %j, saying what and where', async (text, message) => {
    expect((await attempt('inline', text)).message).toContain(message)
  })

  it('reads nesting up to the limit', async () => {
    const text = `${'{"a":'.repeat(MAX_INPUT_DEPTH)}1${'}'.repeat(MAX_INPUT_DEPTH)}`
    expect(await read(text)).toHaveProperty('a.a.a')
  })

  it('names a file it cannot read, and asks for a name after @', async () => {
    expect((await attempt('inline', '@missing.json')).message).toBe(
      'Cannot read --input file missing.json: ENOENT',
    )
    expect((await attempt('inline', '@')).message).toBe(
      '--input @ needs a file name, such as --input @input.json',
    )
  })
})

describe('readInput on hostile input (fast-check)', () => {
  const before = prototypeNames()
  afterEach(() => expect(prototypeNames()).toEqual(before))

  it.each([
    ['inline', 300],
    ['stdin', 200],
    ['file', 100],
  ] as const)(
    'reads %s JSON objects as JSON.parse does, else refuses naming where (%i runs)',
    async (source, numRuns) => {
      await fc.assert(
        fc.asyncProperty(inputText, async (text) => {
          const { value, message } = await attempt(source, text)
          expect(prototypeNames()).toEqual(before)
          if (message === undefined) {
            expect(value).toEqual(JSON.parse(text.replace(/^\uFEFF/, '')))
            return
          }
          expect(message.startsWith(SOURCES[source].source)).toBe(true)
          expect(message.length).toBeLessThan(300)
          const at = /at line (\d+), column (\d+)$/.exec(message)
          if (at) {
            const lines = text.replace(/^\uFEFF/, '').split('\n')
            expect(Number(at[1])).toBeLessThanOrEqual(lines.length)
            expect(Number(at[2])).toBeLessThanOrEqual(lines[Number(at[1]) - 1]!.length + 1)
          }
        }),
        { numRuns },
      )
    },
  )

  it('never quotes broken JSON back: it may hold a secret', async () => {
    const secret = 'tk_S3CRET_0123456789'
    const broken = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('{', '}', '"', ',', ':', '\\', "'", '\n', ''))
      .map(([json, at, char]) => {
        const text = `{"token":"${secret}","x":${json}}`
        const i = secret.length + 12 + (at % (text.length - secret.length - 11))
        return text.slice(0, i) + char + text.slice(i + 1)
      })
    await fc.assert(
      fc.asyncProperty(broken, async (text) => {
        const { message } = await attempt('inline', text)
        expect(message ?? '').not.toContain(secret)
      }),
      { numRuns: 200 },
    )
  })
})
