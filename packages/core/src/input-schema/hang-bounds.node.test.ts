import { format as knownFormats } from '@cfworker/json-schema'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { withinHangBound } from '../__fixtures__/fuzz-harness'
import { operationWith } from './__fixtures__/operations'
import { boundedPattern } from './_bounded-pattern'
import { fillLookupInput } from './fill-lookup-input'
import { getLookups } from './get-lookups'
import { validateInput } from './validate-input'

// Every case here would hang without its bound (exponential backtracking), or take minutes
// (polynomial backtracking on a long string). Node only: the hang guard needs `node:vm`, the
// one thing that can interrupt a runaway regular expression and turn a hang into a failure.

const check = (schema: Record<string, unknown>, input: unknown) =>
  withinHangBound(() => validateInput(operationWith(schema), input))

describe('patterns that backtrack without bound are not run', () => {
  test.each([
    ['(a+)+$', `${'a'.repeat(5_000)}!`],
    ['^(\\w+\\s?)+$', `${'word '.repeat(5_000)}!`],
    ['(x+x+)+y', 'x'.repeat(5_000)],
    ['^(a|aa)+$', `${'a'.repeat(5_000)}!`],
    ['(.*a){12}', 'a'.repeat(5_000)],
    ['^([a-z0-9]+[-.])*[a-z0-9]+$', `${'a-'.repeat(5_000)}!`],
  ])('exponential: %s on %#', (pattern, text) => {
    expect(check({ properties: { v: { type: 'string', pattern } } }, { v: text })).toEqual({
      valid: true,
    })
  })

  test.each([
    ['[a-z]+[a-z0-9]*$', `${'a'.repeat(100_000)}!`],
    ['^\\d+\\d+\\d+x$', '1'.repeat(100_000)],
    ['\\d+\\d+\\d+x', '1'.repeat(10_000)],
    ['a*b', 'a'.repeat(1_000_000)],
    ['\\s*$x', ' '.repeat(1_000_000)],
  ])('polynomial, on a string past its limit: %s', (pattern, text) => {
    expect(check({ properties: { v: { type: 'string', pattern } } }, { v: text })).toEqual({
      valid: true,
    })
  })

  test('a field-name pattern that backtracks is not run on long names', () => {
    const schema = {
      type: 'object',
      patternProperties: { '^(a+)+$': { type: 'number' }, '[a-z]+[a-z0-9]*$': { type: 'string' } },
      additionalProperties: false,
    }
    expect(
      check(schema, { [`${'a'.repeat(5_000)}!`]: 'x', [`${'b'.repeat(100_000)}!`]: 'x' }),
    ).toEqual({ valid: true })
  })
})

describe('formats on long hostile strings', () => {
  const alphabets = [
    'a',
    'a-',
    '1.',
    ':',
    '%00',
    '/',
    'a.',
    '0:',
    '1Y',
    '\\ ',
    '{a',
    'aa.',
    '@',
    'T0',
  ]
  const hostileString = fc
    .record({
      prefix: fc.constantFrom('', 'http://', 'a@', 'P', '2020-01-01T', '"', '{'),
      unit: fc.constantFrom(...alphabets),
      times: fc.integer({ min: 1, max: 20_000 }),
      suffix: fc.constantFrom('', '!', '-', ' x', '\u0000'),
    })
    .map(({ prefix, unit, times, suffix }) => `${prefix}${unit.repeat(times)}${suffix}`)

  test('every format the validator knows finishes on strings up to 40 000 characters', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(knownFormats)), hostileString, (format, text) => {
        const result = check({ properties: { v: { type: 'string', format } } }, { v: text })
        expect(typeof result.valid).toBe('boolean')
      }),
      // A hang costs the bound on every try: report the first one instead of shrinking it.
      { numRuns: 150, endOnFailure: true },
    )
  })

  test('url, whose own expression backtracks exponentially, is checked as uri', () => {
    expect(
      check(
        { properties: { v: { type: 'string', format: 'url' } } },
        { v: `http://${'a-'.repeat(5_000)}!` },
      ),
    ).toEqual({ valid: true })
  })
})

describe('lookup templates on long strings', () => {
  test('are read in linear time', () => {
    const spaces = ' '.repeat(100_000)
    const schema = {
      properties: {
        channel: {
          lookup: {
            message: 'list_ddl',
            input: { open: `{{${spaces}`, triple: `{{{${spaces}}}`, named: `{{ a${spaces}}}` },
          },
        },
      },
    }
    const [lookup] = withinHangBound(() => getLookups(operationWith(schema)))
    expect(lookup?.dependsOn).toEqual(['a'])
    expect(withinHangBound(() => fillLookupInput(lookup!, { a: 'A' }))).toEqual({
      open: `{{${spaces}`,
      triple: `{{{${spaces}}}`,
      named: 'A',
    })
  })
})

describe('generated patterns on generated strings (property-based)', () => {
  // Small regular expressions built from the pieces that make backtracking blow up: nested
  // repetitions, alternations, classes, optional parts.
  const atom = fc.letrec<{ atom: string; sequence: string }>((tie) => ({
    atom: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('a', 'b', '.', '[ab]', '[^b]', '\\w', '\\s'),
      fc
        .tuple(
          fc.constantFrom('(', '(?:'),
          fc.array(tie('sequence'), { minLength: 1, maxLength: 2 }),
        )
        .map(([open, alternatives]) => `${open}${alternatives.join('|')})`),
    ),
    sequence: fc
      .array(
        fc.tuple(tie('atom'), fc.constantFrom('', '', '*', '+', '?', '{1,3}', '{2,}', '{0,20}')),
        { minLength: 1, maxLength: 3 },
      )
      .map((parts) => parts.map(([a, q]) => a + q).join('')),
  })).sequence
  const pattern = fc
    .tuple(fc.constantFrom('', '^'), atom, fc.constantFrom('', '$', '!'))
    .map((parts) => parts.join(''))
  const text = fc
    .tuple(
      fc.stringMatching(/^[ab ]{0,3}$/),
      fc.integer({ min: 0, max: 3_000 }),
      fc.constantFrom('', '!', 'a'),
    )
    .map(([unit, times, end]) => `${(unit || 'a').repeat(times)}${end}`)

  test('validation finishes, and agrees with the pattern wherever it runs it', () => {
    fc.assert(
      fc.property(pattern, text, (source, value) => {
        const result = check(
          { properties: { v: { type: 'string', pattern: source } } },
          { v: value },
        )
        const bounded = boundedPattern(source)
        if (bounded === undefined) {
          expect(result).toEqual({ valid: true })
          return
        }
        const limit = Number(/\{0,(\d+)\}\$\)/.exec(bounded)?.[1] ?? Number.POSITIVE_INFINITY)
        if ([...value].length > limit) return
        const matches = withinHangBound(() => new RegExp(source, 'u').test(value))
        expect(result.valid).toBe(matches)
      }),
      { numRuns: 1_000, endOnFailure: true },
    )
  })
})
