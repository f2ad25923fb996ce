import { AsyncLocalStorage } from 'node:async_hooks'
import type { Redactor } from '@traykit/core'

/** Where a command writes: a terminal, a pipe or a test's buffer. */
export interface OutStream {
  write(chunk: string): unknown
  isTTY?: boolean | undefined
  columns?: number | undefined
}

/** Where a command reads piped input or a typed secret from. */
export interface InStream extends NodeJS.ReadableStream {
  isTTY?: boolean | undefined
  setRawMode?(mode: boolean): unknown
}

/** Everything a command touches outside itself, so tests can run it in process. */
export interface CliIo {
  stdout: OutStream
  stderr: OutStream
  stdin: InStream
  env: Record<string, string | undefined>
  cwd: string
  /** Resolves with the signal's name when the user asks a long-running command to stop. */
  untilShutdown(): Promise<string>
}

interface CliRun {
  io: CliIo
  /**
   * The redactors of values never to print (the token in use), by value: core's, made where a
   * token is registered (`registerSecret`), so that this file, loaded for `--help`, needs no core.
   */
  redactors: Map<string, Redactor>
}

const current = new AsyncLocalStorage<CliRun>()
let processRun: CliRun | undefined

/** The real process's streams, environment and signals. */
export function createNodeIo(): CliIo {
  return {
    stdout: process.stdout,
    // Each standard stream costs a millisecond or more to set up: made on first use.
    get stderr() {
      return process.stderr
    },
    get stdin() {
      return process.stdin
    },
    env: process.env,
    cwd: process.cwd(),
    untilShutdown: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          resolve(signal)
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      }),
  }
}

/** Runs `task` with `io` as the current run's streams. */
export function runWithIo<T>(io: CliIo, task: () => Promise<T>): Promise<T> {
  return current.run({ io, redactors: new Map() }, task)
}

/** The current run: the one started by `runWithIo`, else the real process. */
export function currentRun(): CliRun {
  const run = current.getStore()
  if (run) return run
  processRun ??= { io: createNodeIo(), redactors: new Map() }
  return processRun
}

/**
 * Removes every registered secret from a text about to be written, by core's one rule: the token
 * in any spelling and any run of 12 or more of its characters; a token too short to be Tray's
 * (the mock's `mock`) only as `Bearer <token>`, so ordinary words stay as they are.
 */
export function redactSecrets(text: string): string {
  let out = text
  for (const redactor of currentRun().redactors.values()) out = redactor.text(out)
  return out
}

/** A deep copy of a JSON value with every registered secret removed from its strings and keys. */
export function redactValue<T>(value: T): T {
  let out = value
  for (const redactor of currentRun().redactors.values()) out = redactor.value(out)
  return out
}
