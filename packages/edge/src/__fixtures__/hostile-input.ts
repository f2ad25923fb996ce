import fc from 'fast-check'
import { SEND_MESSAGE } from './setup'

/** Keys that break naive code: prototype keys, the payload's own field names, empty and NUL. */
const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'operation',
  'input',
  'authId',
  'returnOutputSchema',
  '',
  '\u0000',
)

/** Any value at all, with hostile keys in its objects. */
export const anyValue = fc.anything({ key: fc.oneof(hostileKey, fc.string()), maxDepth: 4 })

/** Raw bytes, as a request body takes them. */
type Bytes = Uint8Array<ArrayBuffer>

/** A request or response body; a counterexample shows how a huge one was made, not its text. */
export type Body<T extends string | Bytes = string | Bytes> = {
  text: T
} & fc.WithToStringMethod

/** Wraps a body, with what a counterexample should print for it. */
export function toBody<T extends string | Bytes>(text: T, recipe = fc.stringify(text)): Body<T> {
  return { text, [fc.toStringMethod]: () => recipe }
}

/** JSON text too long or too deep to print: long strings, and nesting up to `maxDepth` levels. */
export function hugeJson(maxDepth: number): fc.Arbitrary<Body<string>> {
  const long = fc
    .record({
      unit: fc.constantFrom('x', 'é', '"', '\\', '\u0000', '\u2028', '😀'),
      length: fc.integer({ min: 1_000, max: 100_000 }),
    })
    .map(({ unit, length }) =>
      toBody(JSON.stringify(unit.repeat(length)), `${length} × ${fc.stringify(unit)}`),
    )
  const deep = fc
    .record({
      depth: fc.oneof(fc.constant(maxDepth), fc.integer({ min: 100, max: maxDepth })),
      open: fc.constantFrom('[', '{"a":', '{"__proto__":', '{"constructor":{"prototype":'),
    })
    .map(({ depth, open }) => {
      const close = open === '[' ? ']' : '}'.repeat(open.split('{').length - 1)
      const text = `${open.repeat(depth)}1${close.repeat(depth)}`
      return toBody(text, `${depth} levels of ${open}`)
    })
  return fc.oneof(long, deep)
}

/** Where a huge value goes in a call body (`$`). */
const HUGE_SPOTS = [
  '$',
  '{"operation":"anything","input":{"value":$}}',
  '{"operation":"anything","input":$}',
  '{"operation":$,"input":{}}',
  '{"operation":"anything","input":{},"authId":$}',
  '{"operation":"send_message","input":{"channel":$,"text":"hi"}}',
]

/** Objects near a call payload: each field missing, right, or anything; prototype keys beside. */
const payload = fc.record(
  {
    operation: fc.oneof(
      fc.constantFrom('send_message', 'anything', 'list_channels_ddl', '__proto__', 'constructor'),
      fc.string(),
      anyValue,
    ),
    input: fc.oneof(
      fc.constant(SEND_MESSAGE.input),
      fc.dictionary(fc.oneof(hostileKey, fc.string()), anyValue, { maxKeys: 5 }),
      anyValue,
    ),
    authId: fc.oneof(fc.uuid(), fc.string(), anyValue),
    returnOutputSchema: fc.oneof(fc.boolean(), anyValue),
    // Computed, so that it is a field of the record, not the prototype of this literal.
    ['__proto__']: anyValue,
    constructor: anyValue,
  },
  { requiredKeys: [] },
)

/** Call bodies: JSON of every shape, huge values in it, cut-off JSON, text and raw bytes. */
export const callBody: fc.Arbitrary<Body> = fc.oneof(
  payload.map((value) => toBody(JSON.stringify(value))),
  anyValue.map((value) => toBody(JSON.stringify(value) ?? '')),
  fc
    .tuple(fc.constantFrom(...HUGE_SPOTS), hugeJson(10_000))
    .map(([spot, huge]) =>
      toBody(spot.replace('$', huge.text), spot.replace('$', fc.stringify(huge))),
    ),
  fc.tuple(payload, fc.nat()).map(([value, cut]) => {
    const text = JSON.stringify(value)
    return toBody(text.slice(0, cut % (text.length + 1)))
  }),
  fc.string({ unit: 'binary' }).map((text) => toBody(text)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => toBody(new Uint8Array(bytes))),
)

/** Any value a Headers object takes: Latin-1 without CR, LF or NUL, which it refuses. */
export const headerValue = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0x80, max: 0xff }),
      fc.constant(0x09),
    ),
    { maxLength: 200 },
  )
  .map((codes) => String.fromCharCode(...codes).trim())

/** Header names the handler or a proxy might read, and any other. */
export const headerName = fc.oneof(
  fc.constantFrom(
    'authorization',
    'content-type',
    'content-length',
    'origin',
    'x-request-id',
    'host',
    'x-forwarded-host',
    'cookie',
    'accept',
    'access-control-request-method',
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/),
)

/** Mostly JSON, so that most bodies get past the content type to the checks behind it. */
export const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 6 },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
    'application/json-patch+json',
    'application/json;;;',
  ),
  headerValue,
  fc.constant(undefined),
)

/** A path parameter as a caller may write it: dot segments, encoded slashes, CRLF, NUL, unicode. */
export const pathSegment = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2E',
        '.%2e',
        '../',
        '..%2F',
        '%2F',
        '%5C',
        '\\',
        '%0d%0a',
        '\r\n',
        '%00',
        '\u0000',
        '%ff',
        '%',
        '%zz',
        '?',
        '#',
        '%3F',
        '%23',
        '__proto__',
        'constructor',
        'slack',
        '9.1',
        'é',
        '\u202e',
        '😀',
        ' ',
        '%20',
      ),
      fc.string(),
      fc.string({ unit: 'binary' }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => parts.join(''))

/** Answers an upstream may give: any JSON, near-Tray shapes, text, and huge values. */
export function upstreamBody(maxDepth: number): fc.Arbitrary<Body> {
  const json = (arbitrary: fc.Arbitrary<unknown>) =>
    arbitrary.map((value) => toBody(JSON.stringify(value) ?? ''))
  return fc.oneof(
    json(anyValue),
    json(fc.record({ outcome: fc.constantFrom('success', 'error'), output: anyValue })),
    json(fc.record({ elements: fc.array(anyValue, { maxLength: 3 }) })),
    json(fc.record({ message: anyValue, code: anyValue })),
    fc.string({ unit: 'binary' }).map((text) => toBody(text)),
    hugeJson(maxDepth),
    // A call result whose output is huge: the shape is right, so it gets as far as being sent on.
    {
      arbitrary: hugeJson(maxDepth).map((huge) =>
        toBody(
          `{"outcome":"success","output":{"rows":${huge.text}}}`,
          `rows: ${fc.stringify(huge)}`,
        ),
      ),
      weight: 3,
    },
  )
}

/** The top-level fields of a body that no call payload has, when the body is a JSON object. */
export function unknownFields(text: string | Bytes): string[] {
  try {
    const value: unknown = typeof text === 'string' ? JSON.parse(text) : undefined
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
    const known = ['operation', 'input', 'authId', 'returnOutputSchema']
    return Object.keys(value).filter((key) => !known.includes(key))
  } catch {
    return []
  }
}
