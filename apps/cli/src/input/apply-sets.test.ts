import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { plainSegment, setAssignment, setPath, setValue } from '../__fixtures__/hostile-input'
import { prototypeNames } from '../__fixtures__/prototype-names'
import { CliError } from '../cli-error'
import { applySets } from './apply-sets'
import { MAX_INPUT_DEPTH } from './assert-json-input'
import { shorten } from './shorten'

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    count: { type: 'integer' },
    ratio: { type: 'number' },
    on: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    rows: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } },
    filter: {
      type: 'object',
      properties: { value: { type: ['string', 'number', 'boolean'] }, op: { enum: ['eq', 'ne'] } },
    },
    level: { enum: [1, 2, 3] },
    nothing: { type: 'null' },
  },
}

describe('applySets', () => {
  it('types each value by the schema at its path', () => {
    const input = applySets(
      {},
      [
        'name=42',
        'count=7',
        'ratio=0.5',
        'on=true',
        'tags=["a","b"]',
        'filter.value=3',
        'filter.op=eq',
        'level=2',
        'nothing=null',
      ],
      schema,
    )
    expect(input).toEqual({
      name: '42',
      count: 7,
      ratio: 0.5,
      on: true,
      tags: ['a', 'b'],
      filter: { value: 3, op: 'eq' },
      level: 2,
      nothing: null,
    })
  })

  it('keeps text for a multi-type field when it is not a number or boolean', () => {
    expect(applySets({}, ['filter.value=hello', 'filter.op=x=y'], schema)).toEqual({
      filter: { value: 'hello', op: 'x=y' },
    })
  })

  it('creates nested objects, and arrays where the schema has them, on top of --input', () => {
    const input = applySets(
      { name: 'kept', filter: { op: 'ne' } },
      ['filter.value=false', 'rows.0.n=1', 'meta.source=cli'],
      schema,
    )
    expect(input).toEqual({
      name: 'kept',
      filter: { op: 'ne', value: false },
      rows: [{ n: 1 }],
      meta: { source: 'cli' },
    })
  })

  it('takes JSON where the schema says nothing, else text', () => {
    expect(applySets({}, ['a=1', 'b={"c":2}', 'd=plain text'], {})).toEqual({
      a: 1,
      b: { c: 2 },
      d: 'plain text',
    })
  })

  it('does not change the input it was given', () => {
    const given = { filter: { op: 'eq' } }
    applySets(given, ['filter.op=ne'], schema)
    expect(given).toEqual({ filter: { op: 'eq' } })
  })

  it.each([
    ['count=many', '--set count: expected integer, got "many"'],
    ['count=1.5', '--set count: expected integer, got "1.5"'],
    ['on=yes', '--set on: expected boolean, got "yes"'],
    [
      'tags=[1,',
      '--set tags is not valid JSON: unexpected end of input (expected a value) at line 1, column 4',
    ],
    ['tags={}', '--set tags: expected array, got "{}"'],
    ['name.first=x', '--set name.first: name already holds a string'],
    ['=x', '--set expects path=value'],
    ['a..b=x', '--set a..b: the path has an empty segment'],
    ['tags.x=1', '--set tags.x: tags is an array; "x" is not an index'],
    ['tags.1=x', '--set tags.1: tags has 0 items; the next index is 0'],
    ['tags.4294967294=x', '--set tags.4294967294: tags has 0 items; the next index is 0'],
    ['rows[0].n=1', '--set rows[0].n: write an array index as a path segment, such as rows.0.name'],
    ['__proto__.polluted=1', '--set __proto__.polluted: "__proto__" cannot be a field name'],
    ['filter.__proto__.x=1', '--set filter.__proto__.x: "__proto__" cannot be a field name'],
    ['__proto__={"a":1}', '--set __proto__: "__proto__" cannot be a field name'],
    ['nothing.x=1', '--set nothing.x: nothing already holds null'],
    ['count=1e400', '--set count: "1e400" cannot be sent as a JSON number without changing it'],
    ['ratio=-1e400', '--set ratio: "-1e400" cannot be sent as a JSON number without changing it'],
    [
      'count=12345678901234567890',
      '--set count: "12345678901234567890" cannot be sent as a JSON number without changing it',
    ],
    ['meta=1e400', '--set meta: "1e400" cannot be sent as a JSON number without changing it'],
    ['meta={"a":1e400}', '--set has a number too large for JSON at input.meta.a'],
    ['meta={"__proto__":{}}', '--set has a "__proto__" key at input.meta.__proto__'],
  ])('refuses %j with a message naming the path', (assignment, message) => {
    expect(() => applySets({ name: 'n', tags: [], nothing: null }, [assignment], schema)).toThrow(
      message,
    )
  })

  it('refuses a path too deep, and names a very long one by its start', () => {
    expect(() => applySets({}, [`${'a.'.repeat(MAX_INPUT_DEPTH)}b=1`], {})).toThrow(
      `--set nests deeper than ${MAX_INPUT_DEPTH} levels at input.a.a.a`,
    )
    const long = `p${'x'.repeat(5000)}`
    expect(() => applySets({ [long]: 'x' }, [`${long}.y=1`], {})).toThrow(
      `--set ${long.slice(0, 79)}…: ${long.slice(0, 79)}… already holds a string`,
    )
  })

  it('creates fields named after Object methods as plain fields, changing no prototype', () => {
    const input = applySets(
      {},
      ['constructor.prototype.polluted=1', 'toString.x=2', 'hasOwnProperty=3'],
      {},
    )
    expect(JSON.parse(JSON.stringify(input))).toEqual({
      constructor: { prototype: { polluted: 1 } },
      toString: { x: 2 },
      hasOwnProperty: 3,
    })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keeps a number JSON cannot carry as text where the schema allows a string', () => {
    expect(applySets({}, ['filter.value=12345678901234567890'], schema)).toEqual({
      filter: { value: '12345678901234567890' },
    })
    expect(applySets({}, ['count=9007199254740991', 'ratio=1e308'], schema)).toEqual({
      count: 9007199254740991,
      ratio: 1e308,
    })
  })

  it('sets array items in order, appending at the next index', () => {
    expect(
      applySets({ tags: ['a'] }, ['tags.0=x', 'tags.1=y', 'rows.0.n=1', 'rows.1.n=2'], schema),
    ).toEqual({ tags: ['x', 'y'], rows: [{ n: 1 }, { n: 2 }] })
  })
})

/** Whether JSON carries a value unchanged: finite numbers, arrays without gaps, plain objects. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) {
    return Object.keys(value).length === value.length && value.every(isPlainJson)
  }
  return (
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.values(value).every(isPlainJson)
  )
}

describe('applySets on hostile input (fast-check)', () => {
  const before = prototypeNames()
  afterEach(() => expect(prototypeNames()).toEqual(before))

  const schemas = fc.constantFrom<Record<string, unknown>>(
    schema,
    {},
    {
      type: 'object',
      additionalProperties: { type: ['string', 'number'] },
    },
  )
  const baseInput = fc.oneof(
    fc.constant({}),
    fc.constant({ name: 'n', tags: ['a'], rows: [{ n: 1 }], filter: { op: 'eq' }, nothing: null }),
    // Through JSON, as --input arrives: no -0, no undefined.
    fc.dictionary(fc.string(), fc.jsonValue()).map((v) => JSON.parse(JSON.stringify(v))),
  )

  /** Runs applySets; a refusal must be a usage error (exit 2) of one short line. */
  function attempt(input: Record<string, unknown>, assignments: string[], inputSchema: object) {
    try {
      return { result: applySets(input, assignments, inputSchema as Record<string, unknown>) }
    } catch (error) {
      expect(error).toBeInstanceOf(CliError)
      expect((error as CliError).exitCode).toBe(2)
      expect((error as CliError).message).toMatch(/^--set /)
      expect((error as CliError).message.length).toBeLessThan(400)
      return { message: (error as CliError).message }
    }
  }

  it('refuses with exit 2 or yields exactly what JSON will carry to Tray, polluting nothing', () => {
    fc.assert(
      fc.property(
        baseInput,
        fc.array(setAssignment, { maxLength: 5 }),
        schemas,
        (input, sets, s) => {
          const { result } = attempt(input, sets, s)
          expect(prototypeNames()).toEqual(before)
          // Nothing set is lost or changed on its way: no Infinity, no array gap, no prototype.
          if (result) expect(isPlainJson(result)).toBe(true)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('puts a value at its path, or names the path (or the place in the input) it refused', () => {
    fc.assert(
      fc.property(setPath, setValue, (path, value) => {
        const { result, message } = attempt({}, [`${path}=${value}`], {})
        if (message) {
          const named =
            message.startsWith(`--set ${shorten(path)}`) || /^--set .* at input[.\w]*/.test(message)
          expect(named, message).toBe(true)
          return
        }
        let at: unknown = result
        for (const key of path.split('.')) {
          expect(Object.hasOwn(at as object, key)).toBe(true)
          at = (at as Record<string, unknown>)[key]
        }
        // Where the schema says nothing: JSON when it parses, else the text.
        let expected: unknown = value
        try {
          expected = JSON.parse(value)
        } catch {}
        expect(at).toEqual(expected)
      }),
      { numRuns: 400 },
    )
  })

  it('sets any plain path, method names included, to any JSON value or text', () => {
    const value = fc.oneof(fc.json(), fc.string({ unit: 'binary' }))
    fc.assert(
      fc.property(fc.array(plainSegment, { minLength: 1, maxLength: 6 }), value, (keys, raw) => {
        const set = () => applySets({}, [`${keys.join('.')}=${raw}`], {})
        // fc.json() writes `__proto__` keys now and then: those values are refused, by design.
        if (hasProtoKey(raw)) {
          expect(set).toThrow(/has a "__proto__" key at input\..*; traykit never sends one/)
          return
        }
        let at: unknown = set()
        for (const key of keys) {
          expect(Object.hasOwn(at as object, key)).toBe(true)
          at = (at as Record<string, unknown>)[key]
        }
        let expected: unknown = raw
        try {
          expected = JSON.parse(raw)
        } catch {}
        expect(at).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })
})

/** Whether `raw` is JSON with a `__proto__` key anywhere in it. */
function hasProtoKey(raw: string): boolean {
  let found = false
  try {
    JSON.parse(raw, (key, value) => {
      if (key === '__proto__') found = true
      return value
    })
  } catch {
    return false
  }
  return found
}
