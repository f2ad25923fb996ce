import { AsyncLocalStorage } from 'node:async_hooks'

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
  /** Values never to print (the token in use), redacted from every line written. */
  secrets: Set<string>
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
  return current.run({ io, secrets: new Set() }, task)
}

/** The current run: the one started by `runWithIo`, else the real process. */
export function currentRun(): CliRun {
  const run = current.getStore()
  if (run) return run
  processRun ??= { io: createNodeIo(), secrets: new Set() }
  return processRun
}

// Shorter values are no real Tray token (the mock's is `mock`), and replacing a common word
// everywhere would garble the output.
const MIN_SECRET_LENGTH = 8

/** Removes every registered secret from a text about to be written. */
export function redactSecrets(text: string): string {
  let out = text
  for (const secret of currentRun().secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('[redacted]')
  }
  return out
}
