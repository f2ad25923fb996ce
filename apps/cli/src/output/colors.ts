/** ANSI styles, or plain identity functions when colour is off. */
export interface Colors {
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  cyan(text: string): string
}

const style = (open: number, close: number) => (text: string) =>
  `\u001B[${open}m${text}\u001B[${close}m`

const ansi: Colors = {
  bold: style(1, 22),
  dim: style(2, 22),
  red: style(31, 39),
  green: style(32, 39),
  yellow: style(33, 39),
  cyan: style(36, 39),
}

const plain: Colors = {
  bold: String,
  dim: String,
  red: String,
  green: String,
  yellow: String,
  cyan: String,
}

/** Colour styles when `enabled`, else styles that leave text alone. */
export function createColors(enabled: boolean): Colors {
  return enabled ? ansi : plain
}

/**
 * Whether a stream gets colour: a terminal, unless NO_COLOR (any value) or `--no-color`;
 * FORCE_COLOR turns it on for a pipe.
 */
export function wantsColor(
  stream: { isTTY?: boolean | undefined },
  env: Record<string, string | undefined>,
  flag: boolean,
): boolean {
  if (!flag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true && env.TERM !== 'dumb'
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI_PATTERN = /\u001B\[[0-9;]*m/g

/** Removes ANSI colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '')
}
