import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { CliIo, InStream } from '../cli-io'
import { runCli } from '../run-cli'
import { tempDir } from './temp-dir'

/** What a run of the CLI printed and how it ended. */
export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Options of a test run: environment, stdin and what the streams claim to be. */
export interface RunOptions {
  env?: Record<string, string | undefined>
  stdin?: string | InStream
  /** stdout is a terminal (tables for people), of this many columns. */
  tty?: boolean
  columns?: number
  stderrTty?: boolean
  cwd?: string
  /** Resolves when the run should stop, as SIGINT would (for `traykit mock`). */
  shutdown?: Promise<string>
}

/** The built bin. */
export const CLI_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../dist/cli.cjs')

/** A fresh directory to stand for $HOME and $XDG_CONFIG_HOME. */
export async function tempHome(): Promise<{ home: string; env: Record<string, string> }> {
  const home = await tempDir()
  return { home, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } }
}

/** Streams and environment for a run in this process, its output collected in `output`. */
export function testIo(options: RunOptions = {}, output = { stdout: '', stderr: '' }): CliIo {
  return {
    stdout: {
      write: (chunk) => (output.stdout += chunk),
      isTTY: options.tty ?? false,
      columns: options.columns,
    },
    stderr: { write: (chunk) => (output.stderr += chunk), isTTY: options.stderrTty ?? false },
    stdin:
      typeof options.stdin === 'string' || options.stdin === undefined
        ? Readable.from([options.stdin ?? ''])
        : options.stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    untilShutdown: () => options.shutdown ?? new Promise(() => {}),
  }
}

/** A run of the CLI in this process, its streams readable while it runs. */
export function startInProcess(args: string[], options: RunOptions = {}) {
  const output = { stdout: '', stderr: '' }
  const done = runCli(args, testIo(options, output)).then(
    (code): CliResult => ({ code, ...output }),
  )
  return { output, done }
}

/** Runs the CLI in this process with captured streams. */
export function runInProcess(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return startInProcess(args, options).done
}

/** Runs the built bin as a subprocess, with only the given environment (and PATH), `preload` first. */
export function runBuilt(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; cwd?: string; preload?: string } = {},
): Promise<CliResult> {
  const preload = options.preload ? ['-r', options.preload] : []
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...preload, CLI_PATH, ...args], {
      env: { PATH: process.env.PATH ?? '', ...options.env },
      cwd: options.cwd,
      stdio: 'pipe',
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? -1, stdout, stderr })
    })
    child.stdin.end(options.stdin ?? '')
  })
}

/** A stdin that claims to be a terminal, for the hidden prompt. */
export function fakeTtyStdin(): PassThrough & {
  isTTY: boolean
  rawModes: boolean[]
  setRawMode(mode: boolean): void
} {
  const stream = new PassThrough() as PassThrough & {
    isTTY: boolean
    rawModes: boolean[]
    setRawMode(mode: boolean): void
  }
  stream.isTTY = true
  stream.rawModes = []
  stream.setRawMode = (mode) => {
    stream.rawModes.push(mode)
  }
  return stream
}

/** Waits (bounded) until `check` holds. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}
