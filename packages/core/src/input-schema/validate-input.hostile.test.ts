import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { expectNoPollution, fuzzRuns, withinHangBound } from '../__fixtures__/fuzz-harness'
import { arbitraryInputSchema } from './__fixtures__/arbitrary-schema'
import {
  hostileInput,
  hostileSchema,
  nest,
  PROTOTYPE_NAMES,
  sparse,
} from './__fixtures__/hostile-values'
import { fixtureOperation, operationWith } from './__fixtures__/operations'
import { jsonText } from './_json-text'
import { MAX_UNIQUE_CHECKED } from './_prepare-schema'
import { REF_BUDGET } from './_schema-refs'
import { MAX_ISSUES } from './_validation-issues'
import { type ValidationResult, validateInput } from './validate-input'

const check = (schema: Record<string, unknown>, input: unknown) =>
  validateInput(operationWith(schema), input)
const issuesOf = (result: ValidationResult) => (result.valid ? [] : result.issues)
const unusable = (why: string) => ({
  valid: false,
  issues: [
    { path: '', message: `the input schema of test_operation cannot be used to validate (${why})` },
  ],
})

/** What validation says of an input that made the schema follow its `$ref`s too often. */
const BUDGET_SPENT = unusable(
  `its $refs were followed ${REF_BUDGET} times: a $ref loop, input nested too deeply, or too many alternatives`,
)

describe('patterns JavaScript cannot run, or cannot run in bounded time, are not checked', () => {
  test.each([
    ['a pattern that does not compile', '('],
    ['Java syntax (Tray validates with Java)', '\\Aabc\\Z'],
    ['a possessive quantifier', 'a++'],
    ['a backreference', '^(a)\\1$'],
    ['an alternation under a repetition', '^(a|b)+$'],
  ])('%s: %s', (_, pattern) => {
    expect(check({ properties: { v: { type: 'string', pattern } } }, { v: '!' })).toEqual({
      valid: true,
    })
  })

  test('a pattern with several open-ended repetitions is still checked on short strings', () => {
    const schema = { properties: { v: { type: 'string', pattern: '[a-z]+[a-z0-9]*$' } } }
    expect(issuesOf(check(schema, { v: 'ab!' }))).toEqual([
      { path: 'v', message: 'v must match the pattern [a-z]+[a-z0-9]*$' },
    ])
    expect(check(schema, { v: 'abc1' })).toEqual({ valid: true })
  })

  test('a pattern with one repetition is checked at any length', () => {
    const schema = { properties: { v: { type: 'string', pattern: '^[^<>]*$' } } }
    expect(issuesOf(check(schema, { v: `${'a'.repeat(100_000)}<` }))).toEqual([
      { path: 'v', message: 'v must match the pattern ^[^<>]*$' },
    ])
  })

  test('a field-name pattern that cannot be checked leaves the names it might govern unchecked', () => {
    const schema = {
      type: 'object',
      properties: { known: { type: 'string' } },
      patternProperties: { '\\Aabc': { type: 'number' } },
      additionalProperties: false,
    }
    expect(check(schema, { known: 'k', anything: 'goes' })).toEqual({ valid: true })
    expect(issuesOf(check(schema, { known: 1 }))).toEqual([
      { path: 'known', message: 'known must be a string, not a number' },
    ])
  })
})

describe('formats', () => {
  test.each(PROTOTYPE_NAMES)(
    'a format named like Object.prototype.%s is unknown, so it passes',
    (format) => {
      expect(check({ properties: { v: { type: 'string', format } } }, { v: 'x' })).toEqual({
        valid: true,
      })
    },
  )

  test("url is checked as uri (the validator's own url expression backtracks exponentially)", () => {
    const schema = { properties: { site: { type: 'string', format: 'url' } } }
    expect(check(schema, { site: 'https://example.com/a?b=c' })).toEqual({ valid: true })
    expect(issuesOf(check(schema, { site: 'example dot com' }))).toEqual([
      { path: 'site', message: 'site must be a valid uri' },
    ])
  })
})

describe('$ref', () => {
  test.each([
    ['#/definitions/nope', '"#/definitions/nope"'],
    ['http://json-schema.org/draft-07/schema#', '"http://json-schema.org/draft-07/schema"'],
  ])('a $ref to %s makes the schema unusable for an input that reaches it', (ref, shown) => {
    const schema = { properties: { a: { $ref: ref }, b: { type: 'string' } } }
    expect(check(schema, { b: 'x' })).toEqual({ valid: true })
    expect(check(schema, { a: 1 })).toEqual(
      unusable(`its $ref ${shown} points to nothing in the schema`),
    )
  })

  test('a $ref in definitions nothing uses is harmless', () => {
    const schema = {
      definitions: { unused: { $ref: '#/definitions/nope' }, loop: { $ref: '#/definitions/loop' } },
      properties: { a: { type: 'string' } },
    }
    expect(check(schema, { a: 'x' })).toEqual({ valid: true })
  })

  test.each([
    ['the root itself', { $ref: '#' }],
    ['an alternative of the root', { anyOf: [{ type: 'string' }, { $ref: '#' }] }],
    [
      'two definitions',
      {
        definitions: {
          a: { allOf: [{ $ref: '#/definitions/b' }] },
          b: { $ref: '#/definitions/a' },
        },
        properties: { x: { $ref: '#/definitions/a' } },
      },
    ],
  ])('a $ref loop through %s, that never goes into a field, ends with one issue', (_, schema) => {
    // Whichever comes first, the stack or the bound on $refs, the issue names the loop.
    expect(check(schema, { x: 1 })).toEqual({
      valid: false,
      issues: [{ path: '', message: expect.stringMatching(/\$refs? loop/) }],
    })
  })

  test('a recursive schema validates recursive input', () => {
    const tree = {
      definitions: {
        node: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/definitions/node' } },
          },
        },
      },
      $ref: '#/definitions/node',
    }
    const node = (depth: number): unknown =>
      depth === 0
        ? { name: 'leaf' }
        : { name: `n${depth}`, children: [node(depth - 1), node(depth - 1)] }
    expect(check(tree, node(6))).toEqual({ valid: true })
    expect(
      issuesOf(check(tree, { name: 'root', children: [{ name: 'a' }, { children: [] }] })),
    ).toEqual([{ path: 'children.1.name', message: 'name is required' }])
  })

  test(`an input that makes a recursive schema follow its $refs more than ${REF_BUDGET} times is refused`, () => {
    // Both alternatives go one level down and fail at the bottom: without a bound, every level
    // of this 60-level input doubles the work (2^60 steps).
    const doubling = {
      definitions: {
        n: {
          anyOf: [
            { type: 'object', required: ['z'], properties: { a: { $ref: '#/definitions/n' } } },
            { type: 'object', required: ['y'], properties: { a: { $ref: '#/definitions/n' } } },
          ],
        },
      },
      properties: { a: { $ref: '#/definitions/n' } },
    }
    expect(
      check(
        doubling,
        nest(60, (inner) => ({ a: inner })),
      ),
    ).toEqual(BUDGET_SPENT)
    // A few levels are well within the bound, and read as usual.
    expect(issuesOf(check(doubling, { a: { a: {} } }))).toEqual([
      { path: 'a', message: 'a does not match any of the allowed forms' },
    ])
  })

  test('$recursiveRef counts against the same budget', () => {
    // Draft 2019-09's recursion through an anchor: the validator follows it without a lookup,
    // so before it was read as a `$ref`, this 60-level input took 2^60 steps.
    const doubling = {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      $recursiveAnchor: true,
      type: 'object',
      anyOf: [
        { required: ['z'], properties: { a: { $recursiveRef: '#' } } },
        { required: ['y'], properties: { a: { $recursiveRef: '#' } } },
      ],
    }
    expect(
      check(
        doubling,
        nest(60, (inner) => ({ a: inner })),
      ),
    ).toEqual(BUDGET_SPENT)
    // Within the bound it recurses to the root, as the draft says.
    expect(check(doubling, { z: 1, a: { y: 1, a: { z: 1 } } })).toEqual({ valid: true })
    // The innermost level has neither z nor y: the alternatives fail from there up to the root.
    expect(issuesOf(check(doubling, { z: 1, a: { y: 1, a: {} } }))).toEqual([
      { path: '', message: 'input does not match any of the allowed forms' },
    ])
  })

  test('$recursiveRef beside embedded $id resources is refused: it could resolve elsewhere', () => {
    const embedded = {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      $recursiveAnchor: true,
      properties: { tree: { $id: 'https://example.com/tree', items: { $recursiveRef: '#' } } },
    }
    expect(check(embedded, { tree: [] })).toEqual(
      unusable(
        'it uses $recursiveRef beside embedded $id resources, which traykit cannot validate within its bounds',
      ),
    )
  })
})

describe('size', () => {
  test('an enum of 50 000 values is listed in part, and its long values are cut short', () => {
    const values = Array.from({ length: 50_000 }, (_, i) => `v${i}`)
    expect(issuesOf(check({ properties: { e: { enum: values } } }, { e: 'x' }))).toEqual([
      {
        path: 'e',
        message: `e must be one of: ${values.slice(0, 20).join(', ')} and 49980 more`,
      },
    ])
    const list = { list: Array.from({ length: 100 }, (_, i) => i) }
    expect(
      issuesOf(check({ properties: { e: { enum: ['l'.repeat(500), list] } } }, { e: 'x' })),
    ).toEqual([
      {
        path: 'e',
        message: `e must be one of: ${'l'.repeat(100)}…, ${JSON.stringify(list).slice(0, 100)}…`,
      },
    ])
  })

  test('an enum value too deep to write as JSON makes the schema unusable', () => {
    const schema = { properties: { e: { enum: ['a', nest(100_000, (inner) => [inner])] } } }
    expect(check(schema, { e: 'a' })).toEqual(unusable('it is nested too deeply'))
  })

  test(`uniqueItems is checked on arrays of up to ${MAX_UNIQUE_CHECKED} items (it compares every pair)`, () => {
    const schema = { properties: { tags: { type: 'array', uniqueItems: true } } }
    const items = (n: number) => [...Array.from({ length: n - 1 }, (_, i) => i), 0]
    expect(issuesOf(check(schema, { tags: items(MAX_UNIQUE_CHECKED) }))).toEqual([
      { path: 'tags', message: 'tags must not contain the same item twice' },
    ])
    expect(check(schema, { tags: items(200_000) })).toEqual({ valid: true })
  })

  test(`lists the first ${MAX_ISSUES} problems of an input with 4 000 unknown fields`, () => {
    const input = Object.fromEntries(Array.from({ length: 4_000 }, (_, i) => [`f${i}`, 1]))
    const issues = issuesOf(validateInput(fixtureOperation('send_message'), input))
    expect(issues).toHaveLength(MAX_ISSUES)
    expect(issues.slice(0, 4)).toEqual([
      { path: 'message', message: 'message is required' },
      { path: 'time', message: 'time is required' },
      { path: 'channel_id', message: 'channel_id is required' },
      { path: 'f0', message: 'unknown field "f0" (not in the schema)' },
    ])
  })

  test('an input too large to list every problem of is reported up to its first problem', () => {
    const schema = { properties: { ids: { type: 'array', items: { type: 'string' } } } }
    expect(check(schema, { ids: Array.from({ length: 200_000 }, () => 1) })).toEqual({
      valid: false,
      issues: [{ path: 'ids.0', message: 'ids[0] must be a string, not a number' }],
    })
  })

  test('a long field name is cut short in messages, and kept whole in the path', () => {
    const name = 'n'.repeat(100_000)
    const [issue] = issuesOf(validateInput(fixtureOperation('send_message'), { [name]: 1 }))
    expect(issue).toBeDefined()
    const unknown = issuesOf(validateInput(fixtureOperation('send_message'), { [name]: 1 })).find(
      (i) => i.path === name,
    )
    expect(unknown?.message).toBe(`unknown field "${'n'.repeat(100)}…" (not in the schema)`)
  })

  test('a long value is described, never echoed', () => {
    const secret = `s3cret-${'x'.repeat(1_000_000)}`
    const schema = { properties: { v: { type: 'string', maxLength: 10, enum: ['a'] } } }
    const issues = issuesOf(check(schema, { v: secret }))
    expect(issues).toEqual([
      { path: 'v', message: 'v must be one of: a' },
      { path: 'v', message: 'v must be at most 10 characters long' },
    ])
  })
})

describe('values JSON cannot carry are judged by what would be sent', () => {
  const schema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      list: { type: 'array', items: { type: ['string', 'null'] } },
      name: { type: 'string' },
    },
  }
  test.each([
    ['a sparse array (holes are sent as null)', { list: sparse('x') }, { valid: true }],
    ['a function (left out)', { name: 'n', extra: () => 1 }, { valid: true }],
    ['a symbol (left out)', { name: 'n', extra: Symbol('s') }, { valid: true }],
    ['a boxed string (sent as a string)', { name: Object('n') }, { valid: true }],
  ])('%s', (_, input, expected) => {
    expect(check(schema, input)).toEqual(expected)
  })

  test('an input nested too deep to be written as JSON is refused by the input bounds', () => {
    expect(
      check({ type: 'object' }, { name: 'n', list: [nest(1_000_000, (inner) => [inner])] }),
    ).toEqual({
      valid: false,
      issues: [
        {
          path: `list.${Array(127).fill('0').join('.')}`,
          message: 'nested more than 128 levels deep',
        },
      ],
    })
  })

  test('a toJSON that throws something unprintable is reported, not rethrown', () => {
    const hostile = {
      name: 'n',
      toJSON: () => {
        throw Object.create(null)
      },
    }
    expect(check({ type: 'object' }, hostile)).toEqual({
      valid: false,
      issues: [
        { path: '', message: 'input cannot be sent as JSON (an error that cannot be shown)' },
      ],
    })
  })
})

describe('prototype names', () => {
  test('in the schema and the input, are fields like any other and pollute nothing', () => {
    const schema = JSON.parse(`{
      "type": "object", "additionalProperties": false,
      "required": ["constructor", "__proto__"],
      "properties": {
        "__proto__": { "type": "object", "properties": { "polluted": { "type": "string" } } },
        "constructor": { "type": "object" }, "prototype": { "type": "integer" }
      }
    }`)
    expectNoPollution(() => {
      expect(issuesOf(check(schema, {}))).toEqual([
        { path: 'constructor', message: 'constructor is required' },
        { path: '__proto__', message: '__proto__ is required' },
      ])
      const input = JSON.parse(
        '{"__proto__": {"polluted": 1}, "constructor": {}, "prototype": "p", "toString": 1}',
      )
      expect(issuesOf(check(schema, input))).toEqual([
        { path: '__proto__.polluted', message: 'polluted must be a string, not a number' },
        { path: 'prototype', message: 'prototype must be an integer, not a string' },
        { path: 'toString', message: 'unknown field "toString" (not in the schema)' },
      ])
    })
  })
})

describe('validateInput on hostile schemas and inputs (property-based)', () => {
  // The schemas of the OpenAPI examples (Slack, Google Sheets), as Tray serves them.
  const catalogSchema = fc
    .constantFrom('send_message', 'send_reminder', 'get_rows', 'create_row' as const)
    .map((name) => fixtureOperation(name).inputSchema)

  test('never throws, says where and what, pollutes nothing, and answers the same twice', () => {
    fc.assert(
      fc.property(fc.oneof(hostileSchema, catalogSchema), hostileInput, (schema, input) => {
        const operation = operationWith(schema)
        const first = expectNoPollution(() =>
          withinHangBound(() => validateInput(operation, input)),
        )
        expectReadable(first)
        expect(validateInput(operation, input)).toEqual(first)
        // An equal schema in another object (a catalog read back from a store) answers alike.
        const text = jsonText(schema)
        if (text !== undefined) {
          expect(validateInput(operationWith(JSON.parse(text)), input)).toEqual(first)
        }
      }),
      { numRuns: fuzzRuns(200) },
    )
  })

  test('a schema object whose parts are replaced is compiled again, never served stale', () => {
    fc.assert(
      fc.property(
        arbitraryInputSchema,
        arbitraryInputSchema,
        fc.jsonValue(),
        (before, after, input) => {
          const schema: Record<string, unknown> = structuredClone(before)
          const operation = operationWith(schema)
          validateInput(operation, input)
          for (const key of Object.keys(schema)) delete schema[key]
          Object.assign(schema, structuredClone(after))
          expect(validateInput(operation, input)).toEqual(
            validateInput(operationWith(after), input),
          )
        },
      ),
      { numRuns: fuzzRuns(200) },
    )
  })
})

/** A result a person can act on: issues with a string path and a non-empty one-line message. */
function expectReadable(result: ValidationResult): void {
  if (result.valid) {
    expect(result).toEqual({ valid: true })
    return
  }
  expect(result.issues.length).toBeGreaterThan(0)
  expect(result.issues.length).toBeLessThanOrEqual(MAX_ISSUES)
  for (const { path, message } of result.issues) {
    expect(typeof path).toBe('string')
    expect(typeof message).toBe('string')
    expect(message.length).toBeGreaterThan(0)
    // Names and values are cut short, so no message runs on for pages.
    expect(message.length).toBeLessThan(4_000)
  }
}
