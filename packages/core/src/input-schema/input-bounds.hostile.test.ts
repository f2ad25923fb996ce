import { describe, expect, test } from 'vitest'
import { TrayValidationError } from '../errors/tray-validation-error'
import { fixtureOperation, operationWith } from './__fixtures__/operations'
import { MAX_ISSUES } from './_validation-issues'
import { assertValidInput } from './assert-valid-input'
import { type ValidationResult, validateInput } from './validate-input'

// The CPU attack of issue 11: 80 000 unknown fields kept a validation busy for most of a second.
// The bounds refuse such an input before the validator sees it; below them, the validator stops
// at the first unknown field where `additionalProperties` is false.

const issuesOf = (result: ValidationResult) => (result.valid ? [] : result.issues)
const fields = (n: number, name = (i: number) => `k${i}`) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [name(i), 'v']))
const closed = operationWith({
  type: 'object',
  properties: { text: { type: 'string' } },
  additionalProperties: false,
})

describe('input bounds before validation', () => {
  test('an 80 000-key input is refused with one issue naming the limit', () => {
    expect(validateInput(closed, fields(80_000))).toEqual({
      valid: false,
      issues: [
        { path: '', message: 'input has 80000 fields, more than the 10000 allowed in one object' },
      ],
    })
    // Whatever the schema says: the bound comes first.
    expect(issuesOf(validateInput(operationWith({ type: 'object' }), fields(80_000)))).toHaveLength(
      1,
    )
  })

  test('assertValidInput (what callConnector runs) refuses it the same way', () => {
    let error: unknown
    try {
      assertValidInput(fixtureOperation('send_message'), fields(80_000), 'slack@9.1')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TrayValidationError)
    expect((error as TrayValidationError).issues).toEqual([
      {
        path: 'input',
        message: 'input has 80000 fields, more than the 10000 allowed in one object',
      },
    ])
  })

  test('a large legitimate input still passes', () => {
    const operation = operationWith({
      type: 'object',
      properties: {
        rows: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              email: { type: 'string' },
              total: { type: 'number' },
              active: { type: 'boolean' },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    })
    const rows = Array.from({ length: 18_000 }, (_, i) => ({
      name: `customer ${i}`,
      email: `c${i}@example.com`,
      total: i * 3,
      active: i % 2 === 0,
    }))
    expect(JSON.stringify({ rows }).length).toBeGreaterThan(1024 * 1024)
    expect(validateInput(operation, { rows })).toEqual({ valid: true })
    // One unknown field deep in it is found, by its path.
    rows[15_000] = { ...rows[15_000]!, extra: 1 } as (typeof rows)[number]
    expect(issuesOf(validateInput(operation, { rows }))).toEqual([
      { path: 'rows.15000.extra', message: 'unknown field "extra" (not in the schema)' },
    ])
  })
})

describe('the validator stops at the first unknown field where additionalProperties is false', () => {
  test('a large input with 9 999 unknown fields gets one issue, for the first of them', () => {
    expect(validateInput(closed, fields(9_999))).toEqual({
      valid: false,
      issues: [{ path: 'k0', message: 'unknown field "k0" (not in the schema)' }],
    })
  })

  test('unknown fields in many closed objects: one issue for a large input', () => {
    const operation = operationWith({
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: { type: 'object', properties: {}, additionalProperties: false },
        },
      },
    })
    const items = Array.from({ length: 100 }, (_, j) => fields(99, (i) => `f${j}_${i}`))
    expect(issuesOf(validateInput(operation, { items }))).toEqual([
      { path: 'items.0.f0_0', message: 'unknown field "f0_0" (not in the schema)' },
    ])
  })

  test(`a small input still lists its problems, up to ${MAX_ISSUES}, in the same order`, () => {
    const operation = fixtureOperation('send_message')
    const issues = issuesOf(validateInput(operation, { ...fields(300), channel_id: 'C1' }))
    expect(issues).toHaveLength(MAX_ISSUES)
    expect(issues.slice(0, 3)).toEqual([
      { path: 'message', message: 'message is required' },
      { path: 'time', message: 'time is required' },
      { path: 'k0', message: 'unknown field "k0" (not in the schema)' },
    ])
    expect(issues.at(-1)).toEqual({
      path: 'k97',
      message: 'unknown field "k97" (not in the schema)',
    })
  })

  test('known fields beside the unknown ones are still checked', () => {
    const input = { ...fields(9_999), text: 42 }
    const issues = issuesOf(validateInput(closed, input))
    expect(issues).toContainEqual({ path: 'text', message: 'text must be a string, not a number' })
  })

  test('patternProperties and $ref nodes are left to the validator, and judged as before', () => {
    const patterned = operationWith({
      type: 'object',
      patternProperties: { '^x-': { type: 'string' } },
      additionalProperties: false,
    })
    expect(validateInput(patterned, { 'x-a': 'v', 'x-b': 'w' })).toEqual({ valid: true })
    expect(issuesOf(validateInput(patterned, { 'x-a': 'v', other: 1 }))).toEqual([
      { path: 'other', message: 'unknown field "other" (not in the schema)' },
    ])
    const referenced = operationWith({
      type: 'object',
      properties: { inner: { $ref: '#/definitions/inner' } },
      definitions: {
        inner: {
          type: 'object',
          properties: { a: { type: 'string' } },
          additionalProperties: false,
        },
      },
    })
    expect(issuesOf(validateInput(referenced, { inner: { a: 'x', b: 1 } }))).toEqual([
      { path: 'inner.b', message: 'unknown field "b" (not in the schema)' },
    ])
  })

  test('a field named __proto__ is kept as a field, never as a prototype', () => {
    const input = JSON.parse(
      `{ ${Array.from({ length: 6000 }, (_, i) => `"k${i}": 1`).join(', ')}, "__proto__": { "polluted": true }, "text": "t" }`,
    )
    const result = validateInput(closed, input)
    expect(result.valid).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
