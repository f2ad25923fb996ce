import { describe, expect, it } from 'vitest'
import { createColors, stripAnsi } from './colors'
import { renderTable } from './render-table'

const plain = createColors(false)
const columns = [
  { header: 'NAME', value: (r: { name: string; text: string }) => r.name },
  { header: 'TEXT', value: (r: { name: string; text: string }) => r.text },
]
const rows = [
  { name: 'a', text: 'short' },
  { name: 'longer-name', text: 'a text that is much too long for the terminal' },
]

describe('renderTable', () => {
  it('aligns columns under their headers, one row per line', () => {
    expect(renderTable(columns, rows, plain)).toBe(
      'NAME         TEXT\na            short\nlonger-name  a text that is much too long for the terminal',
    )
  })

  it('cuts the last column to the width, or wraps it under itself', () => {
    expect(renderTable(columns, rows, plain, { width: 36 }).split('\n')[2]).toBe(
      'longer-name  a text that is much to…',
    )
    expect(
      renderTable(columns, rows, plain, { width: 36, overflow: 'wrap' }).split('\n').slice(2),
    ).toEqual(['longer-name  a text that is much too', '             long for the terminal'])
  })

  it('aligns by visible width when cells are coloured', () => {
    const coloured = createColors(true)
    const table = renderTable(
      [
        { header: 'N', value: (r: string) => coloured.cyan(r) },
        { header: 'X', value: () => 'x' },
      ],
      ['ab', 'abcd'],
      coloured,
    )
    expect(stripAnsi(table)).toBe('N     X\nab    x\nabcd  x')
  })
})
