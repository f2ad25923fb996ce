import { describe, expect, it } from 'vitest'
import { suggest } from './suggest'

const COMMANDS = [
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
    expect(suggest(typo, COMMANDS)).toBe(expected)
  })

  it('suggests option and payload names from their typos', () => {
    expect(suggest('authID', ['operation', 'input', 'authId', 'returnOutputSchema'])).toBe('authId')
    expect(suggest('tiemout', ['timeout', 'maxRetries', 'token'])).toBe('timeout')
  })

  it('suggests nothing for a word that is not close', () => {
    expect(suggest('deploy', COMMANDS)).toBeUndefined()
    expect(suggest('x', COMMANDS)).toBeUndefined()
  })
})
