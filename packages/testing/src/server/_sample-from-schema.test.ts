import { describe, expect, it } from 'vitest'
import { sampleFromSchema } from './_sample-from-schema'

describe('sampleFromSchema', () => {
  it('prefers default, then the first enum value, then a value of the type', () => {
    expect(sampleFromSchema({ type: 'integer', default: 100 })).toBe(100)
    expect(sampleFromSchema({ type: 'string', enum: ['RAW', 'USER_ENTERED'] })).toBe('RAW')
    expect(sampleFromSchema({ type: ['string', 'null'] })).toBe('example')
    expect(sampleFromSchema({ type: 'integer', minimum: 5 })).toBe(5)
    expect(sampleFromSchema({ type: 'boolean' })).toBe(true)
    expect(sampleFromSchema({ type: 'string', format: 'date-time' })).toBe('2024-01-01T00:00:00Z')
  })

  it('fills every declared property, at any depth, and one item per array', () => {
    expect(
      sampleFromSchema({
        properties: {
          result: {
            type: 'array',
            items: {
              type: 'object',
              properties: { text: { type: 'string' }, value: { type: 'number' } },
            },
          },
          untyped: {},
        },
      }),
    ).toEqual({ result: [{ text: 'example', value: 1 }], untyped: null })
  })

  it('stops on schemas that nest without end', () => {
    const loop: Record<string, unknown> = { type: 'object', properties: {} }
    ;(loop.properties as Record<string, unknown>).self = loop
    expect(JSON.stringify(sampleFromSchema(loop))).toContain('null')
  })
})
