import fc from 'fast-check'

type Schema = Record<string, unknown>

const TRAY_SCHEMA = 'https://api.tray.io/core/v1/connectors/operations/input-schema#'
const FORMATS = ['date', 'date-time', 'time', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'uuid']

const fieldName = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/)

const lookup = fc.record({
  message: fc.constantFrom('list_things_ddl', 'list_channels_ddl'),
  input: fc.dictionary(fieldName, fc.constantFrom('{{{workspace_id}}}', '{{spreadsheet_id}}', 42)),
})

const stringSchema: fc.Arbitrary<Schema> = fc.oneof(
  fc.record(
    { type: fc.constant('string'), format: fc.constantFrom(...FORMATS), title: fc.string() },
    { requiredKeys: ['type', 'format'] },
  ),
  fc
    .record({ min: fc.nat(5), extra: fc.nat(20), lookup, withDefault: fc.boolean() })
    .chain(({ min, extra, lookup, withDefault }) =>
      fc.record(
        {
          type: fc.constant('string'),
          minLength: fc.constant(min),
          maxLength: fc.constant(min + extra),
          lookup: fc.constant(lookup),
          ...(withDefault
            ? { default: fc.string({ minLength: min, maxLength: min + extra }) }
            : {}),
        },
        { requiredKeys: ['type'] },
      ),
    ),
)

// Bounds in draft-07 (numeric exclusive) or draft-04 (boolean exclusive) spelling, always
// leaving room for a value.
const integerSchema: fc.Arbitrary<Schema> = fc
  .record({
    low: fc.integer({ min: -1000, max: 1000 }),
    step: fc.integer({ min: 1, max: 5 }),
    span: fc.integer({ min: 12, max: 100 }),
    draft04: fc.boolean(),
    exclusive: fc.boolean(),
    bounded: fc.constantFrom('none', 'low', 'high', 'both'),
    multiple: fc.boolean(),
    withDefault: fc.boolean(),
  })
  .map(({ low, step, span, draft04, exclusive, bounded, multiple, withDefault }) => {
    const schema: Schema = { type: 'integer' }
    const high = low + span
    if (bounded === 'low' || bounded === 'both') bound(schema, 'Minimum', low, exclusive, draft04)
    if (bounded === 'high' || bounded === 'both') bound(schema, 'Maximum', high, exclusive, draft04)
    if (multiple) schema.multipleOf = step
    else if (withDefault) schema.default = low + 1
    return schema
  })

const numberSchema: fc.Arbitrary<Schema> = fc
  .record({
    low: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    span: fc.double({ min: 1, max: 1e3, noNaN: true }),
    exclusive: fc.boolean(),
    draft04: fc.boolean(),
  })
  .map(({ low, span, exclusive, draft04 }) => {
    const schema: Schema = { type: 'number' }
    bound(schema, 'Minimum', low, exclusive, draft04)
    bound(schema, 'Maximum', low + span, exclusive, draft04)
    return schema
  })

const enumSchema: fc.Arbitrary<Schema> = fc
  .uniqueArray(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), {
    minLength: 1,
    maxLength: 6,
  })
  .chain((values) =>
    fc.record(
      {
        enum: fc.constant(values),
        enumLabels: fc.array(fc.string(), { minLength: values.length, maxLength: values.length }),
        default: fc.constantFrom(...values),
      },
      { requiredKeys: ['enum'] },
    ),
  )

const leafSchema: fc.Arbitrary<Schema | boolean> = fc.oneof(
  stringSchema,
  integerSchema,
  numberSchema,
  enumSchema,
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: 'null' }),
  fc.record({ const: fc.jsonValue({ maxDepth: 2 }) }),
  fc
    .subarray(['string', 'number', 'integer', 'boolean', 'null'], { minLength: 1 })
    .map((type) => ({ type })),
  fc.constant({}),
  fc.constant(true),
  fc.tuple(stringSchema, integerSchema).map((alternatives) => ({ anyOf: alternatives })),
)

/** Input schemas as Tray writes them: nested objects and arrays, Tray's annotations, draft-04/07 bounds. */
export const arbitraryInputSchema: fc.Arbitrary<Schema> = fc
  .letrec<{
    field: Schema | boolean
    object: Schema
    array: Schema
  }>((tie) => ({
    field: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafSchema,
      tie('object'),
      tie('array'),
    ),
    object: fc
      .record({
        properties: fc.dictionary(fieldName, tie('field'), { maxKeys: 6 }),
        closed: fc.boolean(),
        title: fc.string(),
      })
      .chain(({ properties, closed, title }) =>
        fc
          .tuple(fc.subarray(Object.keys(properties)), fc.subarray(Object.keys(properties)))
          .map(([required, advanced]) => ({
            type: 'object',
            title,
            properties,
            required,
            advanced,
            ...(closed ? { additionalProperties: false } : {}),
          })),
      ),
    array: fc
      .record({ items: tie('field'), minItems: fc.nat(3), extra: fc.nat(3) })
      .map(({ items, minItems, extra }) => ({
        type: 'array',
        items,
        minItems,
        maxItems: minItems + extra,
      })),
  }))
  .object.map((root) => ({ ...root, $schema: TRAY_SCHEMA }))

function bound(
  schema: Schema,
  side: 'Minimum' | 'Maximum',
  value: number,
  exclusive: boolean,
  draft04: boolean,
): void {
  const name = side.toLowerCase()
  if (!exclusive) schema[name] = value
  else if (draft04) Object.assign(schema, { [name]: value, [`exclusive${side}`]: true })
  else schema[`exclusive${side}`] = value
}
