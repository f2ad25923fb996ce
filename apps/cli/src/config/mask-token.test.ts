import { describe, expect, it } from 'vitest'
import { maskToken } from './mask-token'

describe('maskToken', () => {
  it('shows the first 4 and last 2 characters of a long token', () => {
    expect(maskToken('3fd74d349aaaaaaaaaaaaaaaaaaaad90df521')).toBe('3fd7…21')
  })

  it('shows at most a third of a short token, and nothing of a tiny one', () => {
    expect(maskToken('abcdefghi')).toBe('ab…i')
    expect(maskToken('abcdef')).toBe('ab…')
    expect(maskToken('ab')).toBe('…')
    for (const token of ['abcdefghijkl', 'abcdefghijklmnopqrstuvwxyz0123456789']) {
      expect(maskToken(token).replace('…', '').length).toBeLessThanOrEqual(token.length / 3)
    }
  })
})
