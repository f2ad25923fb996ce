import fc from 'fast-check'

const text = fc.string({ unit: 'binary', maxLength: 12 })

/** Path segments that break naive `--set` parsers: prototype keys, indexes, brackets, odd text. */
const segment = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'length'),
  fc.constantFrom('name', 'count', 'ratio', 'on', 'tags', 'rows', 'filter', 'value', 'op', 'n'),
  fc.constantFrom('0', '1', '2', '01', '4294967295', '99999999999999999999', '-1', '1.5'),
  fc.constantFrom('', 'a[0]', '[1]', 'a]', ' ', 'é', '\u0000', '\u001b[31m'),
  // A path ends at the first `=`, where the value starts.
  text.filter((s) => !s.includes('=')),
)

/** Segments that are no trouble in themselves, Object's method names among them. */
export const plainSegment = fc.oneof(
  fc.constantFrom('constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'length'),
  fc.constantFrom('0', '1', '01', '4294967295', '99999999999999999999', '-1', 'é', ' '),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 8 })
    .filter((s) => !/[.=[\]]/.test(s) && s !== '__proto__'),
)

/** A `--set` path: a few segments, an array field and an index, or one very long or very deep. */
export const setPath = fc.oneof(
  { weight: 8, arbitrary: fc.array(segment, { minLength: 1, maxLength: 6 }).map(joinPath) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('tags', 'rows'),
        fc.constantFrom('0', '1', '2', '10', '4294967294', '4294967295', '99999999999999999999'),
        fc.array(segment, { maxLength: 2 }),
      )
      .map(([field, index, rest]) => joinPath([field, index, ...rest])),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 250, max: 3000 }).map((n) => joinPath(Array(n).fill('a'))),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 50_000 }).map((n) => 'p'.repeat(n)) },
)

/** A deeply nested JSON array, as text. */
export const deepJson = fc
  .integer({ min: 200, max: 20_000 })
  .map((n) => `${'['.repeat(n)}${']'.repeat(n)}`)

/** A `--set` value: JSON of every type, plain text, numbers JSON cannot carry, deep nesting. */
export const setValue = fc.oneof(
  fc.json(),
  text,
  fc.constantFrom('1e400', '-1e400', '12345678901234567890', '9007199254740993', '0.1', 'NaN'),
  fc.constantFrom('true', 'TRUE', 'null', '', '[1,', '{"a":1,}', "'x'", '{"a":1e400}'),
  fc.constantFrom('{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'),
  deepJson,
  fc.integer({ min: 1000, max: 100_000 }).map((n) => 'v'.repeat(n)),
)

/** One `--set` argument: path=value, now and then with no `=` at all. */
export const setAssignment = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(setPath, setValue).map(([path, value]) => `${path}=${value}`) },
  { weight: 1, arbitrary: text },
)

/** JSON text with one character replaced, inserted or removed at a random place. */
export const brokenJson = fc
  .tuple(
    fc.json(),
    fc.nat(),
    fc.constantFrom('', '{', '}', '[', ']', '"', ',', ':', '\\', "'", '\n'),
    fc.boolean(),
  )
  .map(([json, at, char, replace]) => {
    const i = at % (json.length + 1)
    return json.slice(0, i) + char + json.slice(replace ? i + 1 : i)
  })

/** `--input` text: JSON objects and other JSON, JSON broken in one place, deep nesting, prototype keys. */
export const inputText = fc.oneof(
  fc.dictionary(fc.string(), fc.jsonValue()).map((value) => JSON.stringify(value)),
  fc.json(),
  brokenJson,
  fc.string({ unit: 'binary' }),
  fc.integer({ min: 200, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  deepJson,
  fc.constantFrom(
    '{"__proto__":{"polluted":1}}',
    '{"a":[{"__proto__":{"polluted":1}}]}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"a":1e400}',
    '\uFEFF{"a":1}',
    '',
    'null',
  ),
)

function joinPath(segments: string[]): string {
  return segments.join('.')
}
