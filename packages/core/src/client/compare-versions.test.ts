import { describe, expect, it } from 'vitest'
import { compareVersions } from './compare-versions'

describe('compareVersions', () => {
  it('compares numerically part by part', () => {
    expect(compareVersions('10.0', '9.1')).toBeGreaterThan(0)
    expect(compareVersions('9.1', '9.0')).toBeGreaterThan(0)
    expect(compareVersions('9.0', '9.10')).toBeLessThan(0)
    expect(compareVersions('9', '9.0')).toBe(0)
  })

  it('sorts a list newest first', () => {
    const sorted = ['9.0', '10.0', '9.10', '9.2', '1.0'].sort((a, b) => compareVersions(b, a))
    expect(sorted).toEqual(['10.0', '9.10', '9.2', '9.0', '1.0'])
  })
})
