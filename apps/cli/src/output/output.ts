import { type CliIo, currentRun, type OutStream, redactSecrets, redactValue } from '../cli-io'
import { type Colors, createColors, wantsColor } from './colors'
import { type Column, type Overflow, renderTable } from './render-table'
import { safeJson, safeText } from './safe-text'
import { withSpinner } from './spinner'

/** How a command talks to its user: one JSON document for scripts, text and tables for people. */
export interface Output {
  /** True with `--json` or when stdout is not a terminal. */
  readonly json: boolean
  readonly colors: Colors
  readonly io: CliIo
  /** The command's result as one JSON document on stdout. */
  data(value: unknown): void
  /** A table on stdout, for people; its last column fits the terminal (cut by default). */
  table<T>(columns: Column<T>[], rows: T[], overflow?: Overflow): void
  /** A line on stdout, for people. */
  text(line: string): void
  /** A line on stderr for people; scripts (`--json`) do not get it. */
  note(line: string): void
  /** A line on stderr for everyone. */
  warn(line: string): void
  /** A `--debug` line on stderr. */
  debug(line: string): void
  /** Runs a network wait, with a spinner on stderr when a person is watching. */
  wait<T>(label: string, task: () => Promise<T>): Promise<T>
}

/** The output of a command run with these global flags. */
export function createOutput(flags: { json?: boolean; color?: boolean; debug?: boolean }): Output {
  const { io } = currentRun()
  const json = flags.json === true || io.stdout.isTTY !== true
  const colors = createColors(!json && wantsColor(io.stdout, io.env, flags.color !== false))
  const errColors = createColors(wantsColor(io.stderr, io.env, flags.color !== false))
  const spin = !json && !flags.debug && io.stderr.isTTY === true
  const write = (stream: OutStream, text: string) => stream.write(`${redactSecrets(text)}\n`)
  const out = (line: string) => write(io.stdout, safeText(line))
  const err = (line: string) => write(io.stderr, safeText(line))
  return {
    json,
    colors,
    io,
    // Indented for a terminal, one line for a pipe.
    // Redacted as a value, before it becomes JSON text: every string holding the token, in any
    // spelling, loses it, and the document stays valid JSON.
    data: (value) =>
      write(
        io.stdout,
        safeJson(JSON.stringify(redactValue(value), null, io.stdout.isTTY ? 2 : undefined)),
      ),
    table: <T>(columns: Column<T>[], rows: T[], overflow?: Overflow) =>
      out(
        // Each cell is redacted before the table cuts or wraps it to the terminal's width: a
        // token cut in two would slip past the redaction of whole lines.
        renderTable(
          columns.map((c) => ({ ...c, value: (row: T) => redactSecrets(safeText(c.value(row))) })),
          rows,
          colors,
          {
            width: io.stdout.isTTY ? io.stdout.columns : undefined,
            overflow,
          },
        ),
      ),
    text: out,
    note: (line) => {
      if (!json) err(errColors.dim(line))
    },
    warn: (line) => err(errColors.yellow(line)),
    debug: (line) => {
      if (flags.debug) err(errColors.dim(`debug: ${line}`))
    },
    wait: (label, task) => (spin ? withSpinner(io.stderr, label, task) : task()),
  }
}
