import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { arbitraryInputSchema } from './__fixtures__/arbitrary-schema'
import { fixtureOperation, operationWith } from './__fixtures__/operations'
import { examplePayload } from './example-payload'
import { validateInput } from './validate-input'

describe('examplePayload', () => {
  test('fills the required Slack fields with placeholders', () => {
    expect(examplePayload(fixtureOperation('send_message'))).toEqual({
      operation: 'send_message',
      input: { message: '<message>', time: '<time>', channel_id: '<channel_id>' },
    })
  })

  test('uses defaults and enums, and shows one item of a required array', () => {
    expect(examplePayload(fixtureOperation('get_rows'))).toEqual({
      operation: 'get_rows',
      input: {
        spreadsheet_id: '<spreadsheet_id>',
        worksheet_name: '<worksheet_name>',
        number_of_rows: 100,
      },
    })
    expect(examplePayload(fixtureOperation('create_row'))).toEqual({
      operation: 'create_row',
      input: {
        spreadsheet_id: '<spreadsheet_id>',
        worksheet_name: '<worksheet_name>',
        data: [{ column_heading: '<column_heading>', value: '<value>' }],
        value_input_option: 'RAW',
      },
    })
  })

  test('keeps numbers and strings within their bounds and formats', () => {
    const operation = operationWith({
      type: 'object',
      required: ['count', 'ratio', 'code', 'when', 'level', 'nested', 'maybe'],
      properties: {
        count: { type: 'integer', minimum: 3, multipleOf: 2 },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        code: { type: 'string', maxLength: 3 },
        when: { type: 'string', format: 'date-time' },
        level: { enum: ['low', 'high'], default: 'loud' },
        nested: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', maximum: -1 } },
        },
        maybe: { type: ['null', 'boolean'] },
        optional: { type: 'string' },
      },
    })
    expect(examplePayload(operation).input).toEqual({
      count: 4,
      ratio: 0.5,
      code: '<co',
      when: '2024-01-31T09:00:00Z',
      level: 'low',
      nested: { id: -1 },
      maybe: false,
    })
  })

  test('always passes validateInput (property-based, generated schemas)', () => {
    fc.assert(
      fc.property(arbitraryInputSchema, (schema) => {
        const operation = operationWith(schema)
        const payload = examplePayload(operation)
        expect(payload.operation).toBe(operation.name)
        expect(Object.keys(payload.input).sort()).toEqual([...(schema.required as string[])].sort())
        expect(validateInput(operation, payload.input)).toEqual({ valid: true })
      }),
      { numRuns: 500 },
    )
  })
})
