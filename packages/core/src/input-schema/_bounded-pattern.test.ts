import { describe, expect, test } from 'vitest'
import { boundedPattern, shownPattern } from './_bounded-pattern'

/** The longest string a guarded pattern is still run on. */
function limitOf(guarded: string): number {
  return Number(/\{0,(\d+)\}/.exec(guarded)?.[1])
}

describe('boundedPattern', () => {
  test.each([
    ['^[a-z0-9_]{3,16}$'],
    ['^\\d{4}-\\d{2}-\\d{2}$'],
    ['^(\\d{1,3}\\.){3}\\d{1,3}$'],
    ['abc'],
    ['^(ab)+$'],
  ])('runs %s as it is: no open-ended repetition, or one whose count cannot vary', (pattern) => {
    expect(boundedPattern(pattern)).toBe(pattern)
  })

  test.each([
    ['(a+)+$', 'a repeated group holding a repetition'],
    ['^(a*)*$', 'a repeated group holding a repetition'],
    ['^(\\w+\\s?)+$', 'a repeated group holding a repetition'],
    ['(.*a){12}', 'a group repeated more than 10 times holding a repetition'],
    ['^(a|aa)+$', 'a repeated group holding an alternation'],
    ['^((ab|cd)e)*$', 'an alternation deeper inside a repeated group'],
    ['^(a)\\1$', 'a backreference'],
    ['^(?<x>a)\\k<x>$', 'a named backreference'],
    ['(', 'a pattern that does not compile'],
    ['\\Aabc\\Z', "Java's anchors"],
    ['[a-z&&[^e]]', "Java's class intersection"],
  ])('leaves %s unchecked: %s', (pattern) => {
    expect(boundedPattern(pattern)).toBeUndefined()
  })

  test('leaves a pattern that is not a string unchecked', () => {
    for (const pattern of [5, null, ['a'], { source: 'a' }]) {
      expect(boundedPattern(pattern)).toBeUndefined()
    }
  })

  test('runs a pattern with one open-ended repetition from a start anchor as it is: it is linear', () => {
    expect(boundedPattern('^[^<>]*$')).toBe('^[^<>]*$')
  })

  test('guards a pattern with open-ended repetitions: more of them, or no anchor, a shorter limit', () => {
    const limits = ['a*', '^a*b*$', 'a*b*', '^a*b*c*$', 'a+b+c+d'].map((p) =>
      limitOf(boundedPattern(p)!),
    )
    expect(limits).toEqual([1000, 1000, 100, 100, 31])
  })

  test('counts a short repetition of a group as that many copies of its cost', () => {
    // Found by the generated-pattern property: `(\w*){1,3}` backtracks like `\w*\w*\w*`.
    expect(limitOf(boundedPattern('^(?:\\w*){1,3}$')!)).toBeLessThanOrEqual(100)
    expect(limitOf(boundedPattern('^(.*|b){1,3}b{1,3}$')!)).toBeLessThan(100)
    // Nine copies of `a{0,20}` and a million ways to count the short ones: past the budget.
    expect(boundedPattern('^((?:b?[^b]a{0,20}){1,3}.{1,3}){1,3}$')).toBeUndefined()
  })

  test('leaves a pattern unchecked when its short repetitions alone pass the step budget', () => {
    expect(boundedPattern('^(a?){10}(b?){10}(c?){10}$')).toBeUndefined()
    expect(boundedPattern('(a?){20}')).toBeUndefined()
  })

  test('reads escapes, classes and groups for what they are', () => {
    // `\{`, `[*+]` and `\(` hold no quantifier or group; `(?:…)`, `(?=…)` and `(?<n>…)` are groups.
    expect(boundedPattern('^\\{[*+(]\\(x\\)$')).toBe('^\\{[*+(]\\(x\\)$')
    expect(boundedPattern('^(?:a|b)(?=c)(?<n>d)$')).toBe('^(?:a|b)(?=c)(?<n>d)$')
    expect(boundedPattern('^(?:[a-z]+)+$')).toBeUndefined()
    expect(boundedPattern('^\\p{L}{2}\\u{1F600}$')).toBe('^\\p{L}{2}\\u{1F600}$')
  })

  test('a guarded pattern answers as the original on strings within its limit, and passes longer ones', () => {
    const pattern = '[a-z]+[0-9]*$'
    const guarded = new RegExp(boundedPattern(pattern)!, 'u')
    const original = new RegExp(pattern, 'u')
    for (const text of ['ab12', '12', 'AB', '', 'x!', '!x', 'é1', '1a']) {
      expect(guarded.test(text)).toBe(original.test(text))
    }
    expect(guarded.test('!'.repeat(limitOf(guarded.source) + 1))).toBe(true)
    expect(guarded.test('!'.repeat(limitOf(guarded.source)))).toBe(false)
  })
})

describe('shownPattern', () => {
  test('gives back the pattern a schema wrote, guarded or not', () => {
    for (const pattern of ['^a*b*$', 'x+y+', '^abc$', '(a)|b+c*']) {
      expect(shownPattern(boundedPattern(pattern))).toBe(pattern)
    }
    expect(shownPattern(5)).toBe(5)
  })
})
