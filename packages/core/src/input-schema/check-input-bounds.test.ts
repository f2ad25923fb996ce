import { describe, expect, test } from 'vitest'
import { checkInputBounds, INPUT_LIMITS } from './check-input-bounds'

function nested(depth: number): unknown {
  let value: unknown = 'leaf'
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

describe('checkInputBounds', () => {
  test('the defaults', () => {
    expect(INPUT_LIMITS).toEqual({ maxDepth: 128, maxKeys: 10_000, maxValues: 250_000 })
  })

  test('an ordinary input, and primitives, keep to the bounds', () => {
    expect(checkInputBounds({ channel: 'C1', text: 'hi', blocks: [{ type: 'x' }] })).toBeUndefined()
    expect(checkInputBounds('text')).toBeUndefined()
    expect(checkInputBounds(null)).toBeUndefined()
  })

  test('a legitimate 1 MiB table passes', () => {
    const rows = Array.from({ length: 18_000 }, (_, i) => ({
      name: `customer ${i}`,
      email: `c${i}@example.com`,
      total: i * 3,
      active: i % 2 === 0,
    }))
    expect(JSON.stringify({ rows }).length).toBeGreaterThan(1024 * 1024)
    expect(checkInputBounds({ rows })).toBeUndefined()
  })

  test('an object of 80 000 fields is refused, naming the limit', () => {
    const fields: Record<string, string> = {}
    for (let i = 0; i < 80_000; i++) fields[`k${i}`] = 'v'
    expect(checkInputBounds(fields)).toEqual({
      path: '',
      message: 'input has 80000 fields, more than the 10000 allowed in one object',
    })
    expect(checkInputBounds({ outer: { inner: fields } })).toEqual({
      path: 'outer.inner',
      message: 'inner has 80000 fields, more than the 10000 allowed in one object',
    })
  })

  test('depth: 128 levels pass, 129 are refused with the path to the first too deep', () => {
    expect(checkInputBounds(nested(128))).toBeUndefined()
    const issue = checkInputBounds(nested(129))
    expect(issue?.message).toBe('nested more than 128 levels deep')
    expect(issue?.path).toBe(Array(128).fill('a').join('.'))
  })

  test('a cycle is left to validation (which names it), without looping', () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(checkInputBounds(cycle)).toBeUndefined()
    const longer: Record<string, unknown> = { a: { b: {} } }
    ;(longer.a as { b: Record<string, unknown> }).b.c = longer
    expect(checkInputBounds({ list: [longer] })).toBeUndefined()
  })

  test('values in all: a long array, and many small objects, are refused', () => {
    expect(checkInputBounds({ items: new Array(1e9) })).toEqual({
      path: '',
      message: 'input holds more than 250000 values (fields, items and nested values in all)',
    })
    const many = Array.from({ length: 100_000 }, () => ({ a: 1, b: 2 }))
    expect(checkInputBounds({ many })?.message).toMatch(/more than 250000 values/)
  })

  test('limits can be narrowed one at a time', () => {
    expect(checkInputBounds({ a: 1, b: 2, c: 3 }, { maxKeys: 2 })?.message).toBe(
      'input has 3 fields, more than the 2 allowed in one object',
    )
    expect(checkInputBounds([1, 2, 3], { maxValues: 3 })?.message).toMatch(/more than 3 values/)
    expect(checkInputBounds({ a: { b: {} } }, { maxDepth: 2 })).toEqual({
      path: 'a.b',
      message: 'nested more than 2 levels deep',
    })
  })

  test("the first excess in the input's order is the one reported", () => {
    expect(
      checkInputBounds(
        {
          rows: [
            [1, 2],
            [3, 4],
          ],
          b: { c: {} },
        },
        { maxDepth: 2 },
      ),
    ).toEqual({
      path: 'rows.0',
      message: 'nested more than 2 levels deep',
    })
  })

  test('long keys are clipped in the path', () => {
    const key = 'k'.repeat(10_000)
    const issue = checkInputBounds({ [key]: { x: 1, y: 2 } }, { maxKeys: 1 })
    expect(issue?.path.length).toBeLessThan(50)
  })

  test("a value's own code is never run, and one that throws is left to validation", () => {
    const hostile = {
      toJSON() {
        throw new Error('ran')
      },
    }
    expect(checkInputBounds({ hostile })).toBeUndefined()
    const throwing = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('nope')
        },
      },
    )
    expect(checkInputBounds({ throwing })).toBeUndefined()
  })
})
