import { describe, expect, it } from 'vitest'
import { safeJson, safeText } from './safe-text'

const HOSTILE = 'a\u001B]52;c;ZXZpbA==\u0007b\u001B[2Jc\u009B31md\r\u0000e\u007F'

describe('safeText', () => {
  it('removes control characters and escape sequences, keeping colours, tabs and lines', () => {
    expect(safeText(HOSTILE)).toBe('a]52;c;ZXZpbA==b[2Jc31mde')
    expect(safeText('\u001B[1mbold\u001B[22m\tx\ny')).toBe('\u001B[1mbold\u001B[22m\tx\ny')
  })
})

describe('safeJson', () => {
  it('escapes DEL and C1 controls, so the JSON reads back the same', () => {
    const json = safeJson(JSON.stringify({ text: HOSTILE }))
    expect(json).toBe(
      '{"text":"a\\u001b]52;c;ZXZpbA==\\u0007b\\u001b[2Jc\\u009b31md\\r\\u0000e\\u007f"}',
    )
    expect(JSON.parse(json)).toEqual({ text: HOSTILE })
  })
})
