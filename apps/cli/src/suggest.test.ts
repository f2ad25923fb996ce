import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES } from './__fixtures__/command-names'
import { suggest } from './suggest'

describe('suggest', () => {
  it.each([
    ['conectors', 'connectors'],
    ['opertaions', 'operations'],
    ['descirbe', 'describe'],
    ['env', 'environments'],
    ['cal', 'call'],
    ['lokup', 'lookup'],
  ])('suggests %s → %s', (typo, expected) => {
    expect(suggest(typo, COMMAND_NAMES)).toBe(expected)
  })

  it('suggests nothing for a word that is not close', () => {
    expect(suggest('deploy', COMMAND_NAMES)).toBeUndefined()
    expect(suggest('x', COMMAND_NAMES)).toBeUndefined()
  })
})
