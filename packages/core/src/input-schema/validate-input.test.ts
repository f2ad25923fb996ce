import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { arbitraryInputSchema } from './__fixtures__/arbitrary-schema'
import { NON_JSON_VALUES } from './__fixtures__/hostile-values'
import { fixtureOperation, operationWith } from './__fixtures__/operations'
import { type ValidationResult, validateInput } from './validate-input'

const sendMessage = fixtureOperation('send_message')
const getRows = fixtureOperation('get_rows')
const createRow = fixtureOperation('create_row')

function issuesOf(result: ReturnType<typeof validateInput>) {
  return result.valid ? [] : result.issues
}

describe('validateInput on the Slack examples', () => {
  test('accepts a complete send_message input', () => {
    expect(
      validateInput(sendMessage, {
        channel_id: 'C024BE91L',
        message: 'Hello',
        time: 'in 5 minutes',
      }),
    ).toEqual({ valid: true })
    expect(
      validateInput(fixtureOperation('send_reminder'), {
        channel_id: 'C1',
        message: 'Standup',
        time: 'tomorrow',
        workspace_id: 'T1',
        description: 'daily',
      }),
    ).toEqual({ valid: true })
  })

  test('names each missing required field', () => {
    expect(validateInput(sendMessage, { message: 'Hello' })).toEqual({
      valid: false,
      issues: [
        { path: 'time', message: 'time is required' },
        { path: 'channel_id', message: 'channel_id is required' },
      ],
    })
  })

  test('reports a wrong type by field, without echoing the value', () => {
    const issues = issuesOf(
      validateInput(sendMessage, { channel_id: 'C1', message: 12345, time: 'now' }),
    )
    expect(issues).toEqual([{ path: 'message', message: 'message must be a string, not a number' }])
    expect(JSON.stringify(issues)).not.toContain('12345')
  })

  test('rejects fields the schema does not have, suggesting a near name', () => {
    expect(
      issuesOf(
        validateInput(sendMessage, {
          chanel_id: 'C1',
          channel_id: 'C1',
          message: 'm',
          time: 't',
          foo: 1,
        }),
      ),
    ).toEqual([
      {
        path: 'chanel_id',
        message: 'unknown field "chanel_id" (not in the schema; did you mean "channel_id"?)',
      },
      { path: 'foo', message: 'unknown field "foo" (not in the schema)' },
    ])
  })

  test('treats lookup, advanced and Tray $schema as annotations', () => {
    // A `lookup`, `advanced` or `$schema` in the input is an unknown field, not a keyword.
    expect(
      issuesOf(
        validateInput(sendMessage, { lookup: {}, message: 'm', time: 't', channel_id: 'c' }),
      ),
    ).toEqual([{ path: 'lookup', message: 'unknown field "lookup" (not in the schema)' }])
  })
})

describe('validateInput on the Google Sheets examples', () => {
  const base = { spreadsheet_id: 'sheet-1', worksheet_name: 'Sheet1', number_of_rows: 100 }

  test('accepts a nested filter with a value of any of its types', () => {
    for (const value of ['Paris', 42, true]) {
      const filter = {
        column_heading: 'City',
        operator: 'Equal to',
        value,
        sort_direction: 'ascending',
      }
      expect(validateInput(getRows, { ...base, filter })).toEqual({ valid: true })
    }
  })

  test('lists the allowed values of an enum, with Tray labels when it has them', () => {
    const issues = issuesOf(
      validateInput(getRows, {
        ...base,
        filter: { operator: 'Like', sort_direction: 'Ascending' },
      }),
    )
    expect(issues).toEqual([
      {
        path: 'filter.operator',
        message:
          "operator must be one of: Equal to, Not equal to, Greater than, Less than, Greater than or equal to, Less than or equal to, Text contains, Text doesn't contain, Empty cells",
      },
      {
        path: 'filter.sort_direction',
        message: 'sort_direction must be one of: Ascending (ascending), Descending (descending)',
      },
    ])
  })

  test('reports a type array as a list of types, and an unknown nested field by path', () => {
    expect(
      issuesOf(validateInput(getRows, { ...base, filter: { value: null, colour: 'red' } })),
    ).toEqual([
      { path: 'filter.value', message: 'value must be a string, a number or a boolean, not null' },
      { path: 'filter.colour', message: 'unknown field "colour" (not in the schema)' },
    ])
  })

  test('tells an integer from a number and from a string', () => {
    expect(issuesOf(validateInput(getRows, { ...base, number_of_rows: 2.5 }))).toEqual([
      {
        path: 'number_of_rows',
        message: 'number_of_rows must be an integer, not a fractional number',
      },
    ])
    expect(issuesOf(validateInput(getRows, { ...base, number_of_rows: '100' }))).toEqual([
      { path: 'number_of_rows', message: 'number_of_rows must be an integer, not a string' },
    ])
  })

  test('a filter of the wrong type is one issue, not one per field inside it', () => {
    expect(issuesOf(validateInput(getRows, { ...base, filter: 'City = Paris' }))).toEqual([
      { path: 'filter', message: 'filter must be an object, not a string' },
    ])
  })

  test('names array items by index', () => {
    const input = {
      spreadsheet_id: 's',
      worksheet_name: 'w',
      value_input_option: 'RAW',
      data: [{ column_heading: 'A', value: 1 }, { value: { nested: true } }, 'B'],
    }
    expect(issuesOf(validateInput(createRow, input))).toEqual([
      { path: 'data.1.column_heading', message: 'column_heading is required' },
      {
        path: 'data.1.value',
        message: 'value must be a string, a number or a boolean, not an object',
      },
      { path: 'data.2', message: 'data[2] must be an object, not a string' },
    ])
  })

  test('a wrong enum value of the wrong type is reported once, as a type', () => {
    const input = { spreadsheet_id: 's', worksheet_name: 'w', data: [], value_input_option: 1 }
    expect(issuesOf(validateInput(createRow, input))).toEqual([
      { path: 'value_input_option', message: 'value_input_option must be a string, not a number' },
    ])
  })
})

describe('validateInput on any value', () => {
  test('refuses a root that is not an object', () => {
    for (const [input, kind] of [
      [null, 'null'],
      [[], 'an array'],
      ['text', 'a string'],
      [7, 'a number'],
      [undefined, 'undefined'],
    ] as const) {
      expect(validateInput(sendMessage, input)).toEqual({
        valid: false,
        issues: [{ path: '', message: `input must be an object, not ${kind}` }],
      })
    }
  })

  test('judges what would be sent: undefined fields are left out, a Date becomes a string', () => {
    expect(
      issuesOf(validateInput(sendMessage, { message: 'm', time: 't', channel_id: undefined })),
    ).toEqual([{ path: 'channel_id', message: 'channel_id is required' }])
    expect(
      validateInput(sendMessage, { message: 'm', time: new Date(0), channel_id: 'c' }),
    ).toEqual({
      valid: true,
    })
    expect(
      issuesOf(
        validateInput(getRows, {
          spreadsheet_id: 's',
          worksheet_name: 'w',
          number_of_rows: Number.NaN,
        }),
      ),
    ).toEqual([{ path: 'number_of_rows', message: 'number_of_rows must be an integer, not null' }])
  })

  test('says so when the input cannot be sent as JSON at all', () => {
    const input: Record<string, unknown> = { message: 'm', time: 't', channel_id: 10n }
    expect(issuesOf(validateInput(sendMessage, input))).toEqual([
      { path: '', message: expect.stringContaining('input cannot be sent as JSON') },
    ])
    const cyclic: Record<string, unknown> = { message: 'm', time: 't', channel_id: 'c' }
    cyclic.self = cyclic
    expect(issuesOf(validateInput(sendMessage, cyclic))).toEqual([
      { path: 'self', message: 'unknown field "self" (not in the schema)' },
    ])
  })

  test('leaves the operation untouched, even a frozen one', () => {
    const operation = fixtureOperation('get_rows')
    const before = JSON.stringify(operation)
    deepFreeze(operation)
    expect(
      validateInput(operation, { spreadsheet_id: 's', worksheet_name: 'w', number_of_rows: 1 }),
    ).toEqual({
      valid: true,
    })
    expect(JSON.stringify(operation)).toBe(before)
    expect(Object.getOwnPropertyNames(operation.inputSchema).sort()).toEqual(
      Object.keys(operation.inputSchema).sort(),
    )
  })

  test('reports a schema it cannot use instead of throwing', () => {
    const broken = operationWith({
      properties: { a: { $id: 'https://x.test/a' }, b: { $id: 'https://x.test/a' } },
    })
    expect(issuesOf(validateInput(broken, {}))).toEqual([
      {
        path: '',
        message: expect.stringContaining(
          'the input schema of test_operation cannot be used to validate',
        ),
      },
    ])
  })
})

describe('validateInput on JSON Schema keywords', () => {
  const check = (schema: Record<string, unknown>, input: unknown) =>
    issuesOf(validateInput(operationWith({ type: 'object', ...schema }), input))

  test('bounds, lengths, formats and item counts read as sentences', () => {
    const schema = {
      properties: {
        count: { type: 'integer', minimum: 1, maximum: 10 },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, multipleOf: 0.25 },
        name: { type: 'string', minLength: 1, maxLength: 3, pattern: '^[a-z]*$' },
        email: { type: 'string', format: 'email' },
        tags: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true },
      },
    }
    expect(check(schema, { count: 0, ratio: 1, name: '', email: 'nope', tags: [] })).toEqual([
      { path: 'count', message: 'count must be at least 1' },
      { path: 'ratio', message: 'ratio must be less than 1' },
      { path: 'name', message: 'name must not be empty' },
      { path: 'email', message: 'email must be a valid email' },
      { path: 'tags', message: 'tags must have at least 1 item' },
    ])
    expect(check(schema, { count: 11, ratio: 0.3, name: 'ABCD', tags: ['a', 'a', 'b'] })).toEqual([
      { path: 'count', message: 'count must be at most 10' },
      { path: 'ratio', message: 'ratio must be a multiple of 0.25' },
      { path: 'name', message: 'name must be at most 3 characters long' },
      { path: 'name', message: 'name must match the pattern ^[a-z]*$' },
      { path: 'tags', message: 'tags must not contain the same item twice' },
      { path: 'tags', message: 'tags must have at most 2 items' },
    ])
  })

  test("draft-04's boolean exclusive bounds work under Tray's $schema", () => {
    const schema = {
      $schema: 'https://api.tray.io/core/v1/connectors/operations/input-schema#',
      properties: {
        n: {
          type: 'number',
          minimum: 0,
          exclusiveMinimum: true,
          maximum: 5,
          exclusiveMaximum: false,
        },
      },
    }
    expect(check(schema, { n: 0 })).toEqual([{ path: 'n', message: 'n must be greater than 0' }])
    expect(check(schema, { n: 5 })).toEqual([])
  })

  test('alternatives merge into one message when they differ only by type or value', () => {
    const schema = {
      properties: {
        id: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        mode: {
          oneOf: [
            { const: 'fast', title: 'Fast' },
            { const: 'safe', title: 'Safe' },
          ],
        },
      },
    }
    expect(check(schema, { id: true, mode: 'slow' })).toEqual([
      { path: 'id', message: 'id must be a string or an integer, not a boolean' },
      { path: 'mode', message: 'mode must be one of: Fast (fast), Safe (safe)' },
    ])
  })

  test('an alternative of the right type reports its own problems', () => {
    const schema = {
      properties: {
        target: {
          anyOf: [
            { type: 'string', minLength: 3 },
            { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
          ],
        },
      },
    }
    expect(check(schema, { target: {} })).toEqual([
      { path: 'target.id', message: 'id is required' },
    ])
    expect(check(schema, { target: [] })).toEqual([
      { path: 'target', message: 'target must be a string or an object, not an array' },
    ])
  })

  test('oneOf matching twice, and dependencies, are named plainly', () => {
    const schema = {
      properties: { v: { oneOf: [{ type: 'number' }, { type: 'integer' }] } },
      dependencies: { start: ['end'] },
    }
    expect(check(schema, { v: 1, start: 1 })).toEqual([
      { path: 'end', message: 'end is required when start is set' },
      { path: 'v', message: 'v matches more than one of the allowed forms' },
    ])
  })

  test('follows $ref to describe the field', () => {
    const schema = {
      definitions: {
        level: { type: 'string', enum: ['low', 'high'], enumLabels: ['Low', 'High'] },
      },
      properties: { level: { $ref: '#/definitions/level' } },
    }
    expect(check(schema, { level: 'mid' })).toEqual([
      { path: 'level', message: 'level must be one of: Low (low), High (high)' },
    ])
  })

  test('false schemas and fields named like keywords', () => {
    const schema = JSON.parse(`{
      "properties": { "legacy": false, "properties": { "type": "string" }, "__proto__": { "type": "number" } },
      "additionalProperties": { "type": "boolean" }
    }`)
    const input = JSON.parse('{"legacy": 1, "properties": 2, "__proto__": "x", "extra": "y"}')
    expect(check(schema, input)).toEqual([
      { path: 'legacy', message: 'legacy is not allowed' },
      { path: 'properties', message: 'properties must be a string, not a number' },
      { path: '__proto__', message: '__proto__ must be a number, not a string' },
      { path: 'extra', message: 'extra must be a boolean, not a string' },
    ])
  })
})

describe('validateInput paths', () => {
  test('keep field names with /, ~, % and spaces as they are spelled', () => {
    const operation = operationWith({
      type: 'object',
      additionalProperties: false,
      properties: { 'a/b ~c%20': { type: 'object', properties: { 'ü é': { type: 'integer' } } } },
    })
    expect(issuesOf(validateInput(operation, { 'a/b ~c%20': { 'ü é': 'x' }, '#x/y~': 1 }))).toEqual(
      [
        { path: 'a/b ~c%20.ü é', message: 'ü é must be an integer, not a string' },
        { path: '#x/y~', message: 'unknown field "#x/y~" (not in the schema)' },
      ],
    )
  })
})

describe('validateInput never throws (property-based)', () => {
  const fixtures = (['send_message', 'send_reminder', 'get_rows', 'create_row'] as const).map(
    fixtureOperation,
  )
  const knownKeys = [
    ...new Set(fixtures.flatMap((op) => Object.keys(op.inputSchema.properties as object))),
    'filter',
    'operator',
    'column_heading',
  ]
  // Any value at all, JSON or not, with keys that often hit the schemas' fields.
  const anyValue = fc.anything({
    ...NON_JSON_VALUES,
    key: fc.oneof(fc.constantFrom(...knownKeys), fc.string({ unit: 'binary' })),
    maxDepth: 4,
  })
  const nearInput = fc.dictionary(
    fc.constantFrom(...knownKeys),
    fc.oneof(
      anyValue,
      fc.dictionary(fc.constantFrom(...knownKeys), fc.jsonValue()),
      fc.array(anyValue),
    ),
  )

  test('on the Slack and Google Sheets schemas', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.oneof(anyValue, nearInput, fc.jsonValue()),
        (op, input) => {
          expectWellFormed(validateInput(op, input))
        },
      ),
      { numRuns: 500 },
    )
  })

  test('on generated schemas', () => {
    fc.assert(
      fc.property(arbitraryInputSchema, fc.oneof(anyValue, fc.jsonValue()), (schema, input) => {
        const op = operationWith(schema)
        const first = validateInput(op, input)
        expectWellFormed(first)
        // The compiled schema is cached: a second look must agree with the first.
        expect(validateInput(op, input)).toEqual(first)
      }),
      { numRuns: 300 },
    )
  })

  test('on very deep nesting, at the root and under fields', () => {
    const deepArray = nest(100_000, (inner) => [inner])
    const deepObject = nest(100_000, (inner) => ({ value: inner }))
    const getRows = fixtureOperation('get_rows')
    const recursive = operationWith({
      type: 'object',
      properties: { next: { $ref: '#' }, name: { type: 'string' } },
    })
    for (const [op, input] of [
      [getRows, deepArray],
      [getRows, deepObject],
      [
        getRows,
        { spreadsheet_id: 's', worksheet_name: 'w', number_of_rows: 1, filter: deepObject },
      ],
      [
        getRows,
        { spreadsheet_id: 's', worksheet_name: 'w', number_of_rows: 1, unknown: deepArray },
      ],
      [fixtureOperation('create_row'), { data: [deepObject, deepArray] }],
      [recursive, nest(100_000, (inner) => ({ next: inner }))],
    ] as const) {
      expectWellFormed(validateInput(op, input))
    }
    expect(
      validateInput(
        recursive,
        nest(100_000, (inner) => ({ next: inner })),
      ),
    ).toEqual({
      valid: false,
      // Refused by the input bounds, before the validator walks it.
      issues: [
        { path: Array(128).fill('next').join('.'), message: 'nested more than 128 levels deep' },
      ],
    })
  })
})

function expectWellFormed(result: ValidationResult): void {
  if (result.valid) {
    expect(result).toEqual({ valid: true })
    return
  }
  expect(result.issues.length).toBeGreaterThan(0)
  const keys = result.issues.map((issue) => {
    expect(typeof issue.path).toBe('string')
    expect(typeof issue.message).toBe('string')
    expect(issue.message.length).toBeGreaterThan(0)
    return `${issue.path}\n${issue.message}`
  })
  expect(new Set(keys).size).toBe(keys.length)
}

function nest(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = wrap(value)
  return value
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
