import fc from 'fast-check'
import { arbitraryInputSchema } from './arbitrary-schema'

type Schema = Record<string, unknown>

/** A value nested `depth` levels deep, each level made by `wrap`. */
export function nest(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = wrap(value)
  return value
}

/** Names that mean something to JavaScript objects rather than to a schema. */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
]

/** The value, printed by fast-check as `label` (its own printer recurses, and would overflow). */
function labelled<T extends object>(value: T, label: string): T {
  return Object.defineProperty(value, fc.toStringMethod, { value: () => label })
}

const DEEP_OBJECT = labelled(
  nest(10_000, (inner) => ({ a: inner })) as object,
  '<object 10 000 deep>',
)
const DEEP_ARRAY = labelled(nest(10_000, (inner) => [inner]) as object, '<array 10 000 deep>')
const LONG_STRING = 'a'.repeat(100_000)
const HUGE_ENUM = labelled(
  Array.from({ length: 20_000 }, (_, i) => `value_${i}`),
  '<enum of 20 000 values>',
)

const fieldName = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('a', 'b', 'name', 'items', 'properties', 'x y', 'a/b~c'),
  },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
)

// Patterns that compile in JavaScript but not in Tray's Java (and the reverse), that are odd,
// or whose cost grows with the string: exponential ones are left to the hang-guarded suite.
const pattern = fc.oneof(
  fc.constantFrom(
    '(',
    '[',
    '\\p{Alpha}+',
    'a++',
    '(?i)abc',
    '^[a-z]+[a-z0-9]*$',
    '[a-z]+[a-z0-9]*$',
    '\\s*$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '',
    '^$',
    '\\u{1F600}',
    '(?<year>\\d{4})',
  ),
  fc.string({ maxLength: 12 }),
)

const format = fc.constantFrom(
  ...PROTOTYPE_NAMES,
  'url',
  'uri',
  'date-time',
  'email',
  'regex',
  'hostname',
  'ipv6',
  'no-such-format',
)

const ref = fc.constantFrom(
  '#',
  '#/definitions/node',
  '#/definitions/missing',
  '#/properties/a',
  '#/definitions/loop',
  'http://json-schema.org/draft-07/schema#',
  '',
)

// Keywords with values of the wrong kind: a schema is data from a server, not a promise.
const garbage = fc.record(
  {
    type: fc.constantFrom('thing', 5, ['string', 'thing'], null),
    required: fc.constantFrom('a', [1, null], {}),
    properties: fc.constantFrom([], 'a', null),
    items: fc.constantFrom(5, 'a', null),
    enum: fc.constantFrom('a', {}, []),
    minimum: fc.constantFrom('1', null, []),
    maxLength: fc.constantFrom(-1, 1.5, '3'),
    minItems: fc.constantFrom(-1, 1e9, 2.5),
    minLength: fc.constantFrom(1e9, -3),
    multipleOf: fc.constantFrom(0, -1, 1e-300),
    additionalProperties: fc.constantFrom('no', 1, null),
    allOf: fc.constantFrom('x', {}, [1, 'two']),
  },
  { requiredKeys: [] },
)

const hostileNode: fc.Arbitrary<Schema | boolean> = fc.letrec<{ node: Schema | boolean }>(
  (tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      arbitraryInputSchema,
      fc.boolean(),
      garbage,
      fc.record({ type: fc.constant('string'), pattern }),
      fc.record({ type: fc.constant('string'), format }),
      fc.record({ $ref: ref }),
      fc.record({ enum: fc.constantFrom(HUGE_ENUM, [DEEP_OBJECT, DEEP_ARRAY], [LONG_STRING]) }),
      fc.record({ const: fc.constantFrom(DEEP_OBJECT, LONG_STRING, null) }),
      fc.record({ type: fc.constant('object'), default: fc.constantFrom(DEEP_OBJECT, DEEP_ARRAY) }),
      fc.record({
        lookup: fc.record({
          message: fc.constantFrom('list_ddl', '', 5),
          input: fc.oneof(
            fc.constant(DEEP_OBJECT),
            fc.dictionary(
              fieldName,
              fc.constantFrom(
                '{{a}}',
                '{{{ b }}}',
                `{{${' '.repeat(5000)}`,
                '{{}}',
                '{{__proto__}}',
              ),
            ),
          ),
        }),
      }),
      fc.record({
        type: fc.constant('object'),
        properties: fc.dictionary(fieldName, tie('node'), { maxKeys: 4 }),
        required: fc.array(fieldName, { maxLength: 4 }),
        additionalProperties: fc.oneof(fc.boolean(), tie('node')),
      }),
      fc.record({ patternProperties: fc.dictionary(pattern, tie('node'), { maxKeys: 3 }) }),
      fc.record({ type: fc.constant('array'), items: tie('node'), uniqueItems: fc.boolean() }),
      fc.record({ items: fc.array(tie('node'), { maxLength: 3 }) }),
      fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ oneOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ allOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('node') }),
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword.
      fc.record({ if: tie('node'), then: tie('node'), else: tie('node') }),
      fc.record({
        dependencies: fc.dictionary(fieldName, fc.oneof(tie('node'), fc.array(fieldName))),
      }),
    ),
  }),
).node

/**
 * Input schemas as nothing should send them: every keyword with odd, hostile or broken values
 * (`$ref`s to nowhere and in loops, patterns JavaScript cannot run, formats named like
 * `Object.prototype` members, enums of 20 000 values, values 10 000 levels deep), with
 * `definitions` for the `$ref`s to find, some of them recursive.
 */
export const hostileSchema: fc.Arbitrary<Schema> = fc
  .record({
    root: hostileNode,
    node: hostileNode,
    $schema: fc.constantFrom(
      undefined,
      'https://api.tray.io/core/v1/connectors/operations/input-schema#',
      'https://json-schema.org/draft/2020-12/schema',
    ),
  })
  .map(({ root, node, $schema }) => ({
    ...(typeof root === 'boolean' ? {} : root),
    ...($schema === undefined ? {} : { $schema }),
    definitions: {
      node,
      loop: { anyOf: [{ $ref: '#/definitions/loop' }] },
      tree: { type: 'object', properties: { child: { $ref: '#/definitions/tree' } } },
    },
  }))

/** An array of two slots, the first a hole (as `[, value]` writes it). */
export function sparse(value: unknown): unknown[] {
  const list: unknown[] = []
  list[1] = value
  return list
}

const cyclic: Record<string, unknown> = labelled({ a: 'x' }, '<cyclic object>')
cyclic.self = cyclic

/** `fc.anything` options for every kind of value JavaScript has that JSON does not. */
export const NON_JSON_VALUES = {
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary',
} as const

/**
 * Inputs as nothing should send them: any JavaScript value (boxed, typed arrays, Maps, null
 * prototypes, sparse arrays, bigints), functions and symbols, cycles, `__proto__` and
 * `constructor` keys as JSON.parse makes them, values 10 000 levels deep, long strings.
 */
export const hostileInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    ...NON_JSON_VALUES,
    key: fc.oneof(fieldName, fc.string({ unit: 'binary', maxLength: 6 })),
    maxDepth: 3,
  }),
  fc.dictionary(
    fieldName,
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(
        DEEP_OBJECT,
        DEEP_ARRAY,
        LONG_STRING,
        cyclic,
        Symbol('s'),
        () => 'f',
        10n,
        new Date(Number.NaN),
        sparse('x'),
        undefined,
      ),
    ),
    { maxKeys: 5 },
  ),
  fc.constantFrom(
    JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'),
    JSON.parse('{"a": {"__proto__": {"polluted": 1}}, "items": [{"__proto__": null}]}'),
    cyclic,
    DEEP_OBJECT,
  ),
)
