import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { expectNoPollution, fuzzRuns, withinHangBound } from '../__fixtures__/fuzz-harness'
import { hostileInput, hostileSchema, nest } from './__fixtures__/hostile-values'
import { operationWith } from './__fixtures__/operations'
import { jsonText } from './_json-text'
import { describeFields } from './describe-fields'
import { examplePayload } from './example-payload'
import { fillLookupInput } from './fill-lookup-input'
import { findLookup, getLookups } from './get-lookups'
import { missingDependencies } from './missing-dependencies'

describe('the form helpers on hostile schemas', () => {
  test('examples keep to a length and a count a person can read', () => {
    const schema = {
      required: ['text', 'list'],
      properties: {
        text: { type: 'string', minLength: 1e9 },
        list: { type: 'array', minItems: 1e9, items: { type: 'integer' } },
      },
    }
    const { input } = examplePayload(operationWith(schema))
    expect((input.text as string).length).toBe(10_000)
    expect(input.list).toHaveLength(1_000)
  })

  test('a format named like an Object.prototype member gets a placeholder, not a function', () => {
    const schema = {
      required: ['a', 'b'],
      properties: {
        a: { type: 'string', format: 'constructor' },
        b: { type: 'string', format: '__proto__' },
      },
    }
    expect(examplePayload(operationWith(schema)).input).toEqual({ a: '<a>', b: '<b>' })
  })

  test('nested alternatives 10 000 deep end in an example, not a stack overflow', () => {
    const deep = nest(10_000, (inner) => ({ anyOf: [inner] })) as Record<string, unknown>
    const schema = { required: ['v'], properties: { v: { ...deep, type: 'string' } } }
    expect(examplePayload(operationWith(schema)).input).toEqual({ v: '<v>' })
  })

  test('defaults, enums and lookup inputs 100 000 levels deep are copied whole', () => {
    const deep = () => nest(100_000, (inner) => ({ a: inner }))
    const schema = {
      required: ['v'],
      properties: {
        v: { type: 'object', default: deep(), enum: [deep()] },
        w: { lookup: { message: 'list_ddl', input: { deep: deep(), id: '{{v}}' } } },
      },
    }
    const operation = operationWith(schema)
    const [v] = describeFields(operation)
    expect(depthOf(v?.default)).toBe(100_000)
    // (Compared by identity: `not.toBe` would compare the two copies deeply on the way.)
    expect(v?.default === schema.properties.v.default).toBe(false)
    const [lookup] = getLookups(operation)
    expect(lookup?.dependsOn).toEqual(['v'])
    expect(depthOf(fillLookupInput(lookup!, { v: 1 }).deep)).toBe(100_000)
    expect(depthOf(examplePayload(operation).input.v)).toBe(100_000)
  })

  test('a lookup input that refers to itself is copied, cycle and all', () => {
    const input: Record<string, unknown> = { id: '{{{v}}}' }
    input.self = input
    const [lookup] = getLookups(
      operationWith({ properties: { w: { lookup: { message: 'ddl', input } } } }),
    )
    const filled = fillLookupInput(lookup!, { v: 'V' })
    expect(filled.id).toBe('V')
    expect(filled.self).toBe(filled)
  })

  test('empty templates stay as written, and names are trimmed', () => {
    const input = { a: '{{}}', b: '{{ }}', c: '{{{ name }}}', d: 'page {{ n }} of {{}}' }
    const [lookup] = getLookups(
      operationWith({ properties: { w: { lookup: { message: 'ddl', input } } } }),
    )
    expect(lookup?.dependsOn).toEqual(['name', 'n'])
    expect(fillLookupInput(lookup!, { name: 'N', n: 2 })).toEqual({
      a: '{{}}',
      b: '{{ }}',
      c: 'N',
      d: 'page 2 of {{}}',
    })
  })
})

describe('the form helpers on hostile schemas (property-based)', () => {
  test('never throw, pollute nothing, leave the schema as it was and return what they promise', () => {
    fc.assert(
      fc.property(hostileSchema, hostileInput, (schema, input) => {
        const operation = operationWith(schema)
        const before = jsonText(schema)
        expectNoPollution(() =>
          withinHangBound(() => {
            const fields = describeFields(operation)
            for (const field of fields) {
              expect(typeof field.path).toBe('string')
              expect(Array.isArray(field.type)).toBe(true)
            }
            const example = examplePayload(operation)
            expect(example.operation).toBe(operation.name)
            expect(typeof example.input).toBe('object')
            const form =
              typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {}
            for (const lookup of getLookups(operation)) {
              expect(lookup.operation.length).toBeGreaterThan(0)
              expect(findLookup(operation, lookup.path)?.path).toBe(lookup.path)
              const missing = missingDependencies(lookup, form)
              expect(missing.every((name) => lookup.dependsOn.includes(name))).toBe(true)
              expect(typeof fillLookupInput(lookup, form)).toBe('object')
            }
          }),
        )
        expect(jsonText(schema)).toBe(before)
      }),
      { numRuns: fuzzRuns(200) },
    )
  })
})

/** How many objects deep a value goes along its first key at each level. */
function depthOf(value: unknown): number {
  let depth = 0
  for (let v = value; typeof v === 'object' && v !== null; v = Object.values(v)[0]) depth++
  return depth
}
