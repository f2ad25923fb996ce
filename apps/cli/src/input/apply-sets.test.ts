import { describe, expect, it } from 'vitest'
import { applySets } from './apply-sets'

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
  ])('refuses %j with a message naming the path', (assignment, message) => {
    const input =
      assignment.startsWith('name.') || assignment.startsWith('tags.')
        ? { name: 'n', tags: [] }
        : {}
    expect(() => applySets(input, [assignment], schema)).toThrow(message)
  })
})
