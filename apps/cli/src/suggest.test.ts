import { describe, expect, it } from 'vitest'
import { suggest } from './suggest'

const commands = [
  'connectors',
  'operations',
  'describe',
  'call',
  'lookup',
  'environments',
  'auth',
  'mock',
  'completion',
]

describe('suggest', () => {
  it.each([
    ['conectors', 'connectors'],
    ['opertaions', 'operations'],
    ['descirbe', 'describe'],
    ['env', 'environments'],
    ['cal', 'call'],
    ['lokup', 'lookup'],
  ])('suggests %s → %s', (typo, expected) => {
    expect(suggest(typo, commands)).toBe(expected)
  })

  it('suggests nothing for a word that is not close', () => {
    expect(suggest('deploy', commands)).toBeUndefined()
    expect(suggest('x', commands)).toBeUndefined()
  })
})
