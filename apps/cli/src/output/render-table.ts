import { type Colors, stripAnsi } from './colors'

/** A column of a table: its heading and how to read a row's cell. */
export interface Column<T> {
  header: string
  value(row: T): string
}

/** How the last column fits a terminal's width: cut to one line, or wrapped onto several. */
export type Overflow = 'truncate' | 'wrap'

/**
 * Renders rows as aligned columns with a bold header. When `width` is known (a terminal), the
 * last column is fitted to it, so each row keeps its alignment.
 */
export function renderTable<T>(
  columns: Column<T>[],
  rows: T[],
  colors: Colors,
  options: { width?: number | undefined; overflow?: Overflow } = {},
): string {
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row))))
  const last = columns.length - 1
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => stripAnsi(r[i]!).length)),
  )
  const indent = widths.slice(0, last).reduce((sum, w) => sum + w + 2, 0)
  const room = options.width === undefined ? undefined : Math.max(options.width - indent, 20)
  const pad = (value: string, i: number) =>
    value + ' '.repeat(Math.max(widths[i]! - stripAnsi(value).length, 0))
  const render = (values: string[]) => {
    const head = values.slice(0, last).map(pad)
    const tail = values[last]!
    const lines =
      room === undefined || stripAnsi(tail).length <= room
        ? [tail]
        : options.overflow === 'wrap'
          ? wrap(stripAnsi(tail), room)
          : [`${stripAnsi(tail).slice(0, room - 1)}…`]
    return lines
      .map((line, i) =>
        (i === 0 ? [...head, line].join('  ') : ' '.repeat(indent) + line).trimEnd(),
      )
      .join('\n')
  }
  const header = render(columns.map((c) => c.header))
  return [colors.bold(header), ...cells.map(render)].join('\n')
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}

/** Breaks text into lines of at most `width`, at spaces where it can. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let rest = text
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width)
    const cut = space > 0 ? space : width
    lines.push(rest.slice(0, cut))
    rest = rest.slice(cut).trimStart()
  }
  return [...lines, rest]
}
