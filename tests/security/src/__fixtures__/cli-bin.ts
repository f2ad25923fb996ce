import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { cp, readdir, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** How a run of the bin ended and what it printed. */
export interface BinRun {
  code: number | null
  stdout: string
  stderr: string
}

/** A hang bound, not a time assertion: a run that takes this long is killed and reported. */
const HANG_MS = 45_000

/**
 * Copies the built bin (apps/cli/dist, built by turbo before the tests) to `dir` and returns
 * the copy's path. The CLI's own tests rebuild dist while other packages' tests run, so the
 * scan runs a private copy, taken when every chunk the bin requires is present.
 */
export async function copyBuiltCli(dir: string): Promise<string> {
  const dist = join(
    dirname(createRequire(import.meta.url).resolve('@traykit/cli/package.json')),
    'dist',
  )
  for (let attempt = 0; attempt < 20; attempt++) {
    await rm(dir, { recursive: true, force: true })
    try {
      await cp(dist, dir, { recursive: true })
      if (await isComplete(dir)) return join(dir, 'cli.cjs')
    } catch {
      // dist is being rewritten: try again shortly.
    }
    await sleep(500)
  }
  throw new Error(
    'apps/cli/dist/cli.cjs is missing or incomplete: run `pnpm --filter @traykit/cli build` first',
  )
}

/** True when cli.cjs and every chunk the files require are there. */
async function isComplete(dir: string): Promise<boolean> {
  const files = new Set(await readdir(dir))
  if (!files.has('cli.cjs')) return false
  for (const file of files) {
    // Only the bundle's chunks require each other (dist also holds explore's page folder).
    if (!file.endsWith('.cjs')) continue
    const code = await readFile(join(dir, file), 'utf8')
    for (const [, chunk] of code.matchAll(/require\("\.\/([^"]+)"\)/g)) {
      if (!files.has(chunk ?? '')) return false
    }
  }
  return true
}

/** Runs the bin with only `env` (and PATH), `stdin` piped in, and waits for it to end. */
export function runBin(
  bin: string,
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<BinRun> {
  return finish(spawnBin(process.execPath, [bin, ...args], env), stdin)
}

/**
 * Runs the bin inside a pseudo-terminal (util-linux or BSD `script`), the way a person sees it:
 * tables, colour, notes and a spinner. stdout and stderr arrive together in `stdout`.
 */
export function runBinInTerminal(
  bin: string,
  args: string[],
  env: Record<string, string>,
  columns: number,
): Promise<BinRun> {
  const command = `stty cols ${columns} 2>/dev/null; exec ${[process.execPath, bin, ...args].map(quote).join(' ')}`
  const scriptArgs =
    process.platform === 'darwin'
      ? ['-q', '/dev/null', 'sh', '-c', command]
      : ['-qec', command, '/dev/null']
  return finish(spawnBin('script', scriptArgs, env), '')
}

/** Starts a long-running command (`traykit mock`); `stop` sends SIGTERM and waits for the end. */
export function startBin(bin: string, args: string[], env: Record<string, string>) {
  const child = spawnBin(process.execPath, [bin, ...args], env)
  const ended = finish(child, undefined)
  const firstLine = new Promise<string>((resolve, reject) => {
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8')
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')))
    })
    ended.then((run) => reject(new Error(`ended before printing a line: ${run.stderr}`)), reject)
  })
  return {
    firstLine,
    stop: (): Promise<BinRun> => {
      child.kill('SIGTERM')
      return ended
    },
  }
}

function spawnBin(command: string, args: string[], env: Record<string, string>) {
  return spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' })
}

function finish(child: ChildProcessWithoutNullStreams, stdin: string | undefined): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`could not start ${child.spawnfile}: ${error.message}`))
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    if (stdin !== undefined) child.stdin.end(stdin)
  })
}

function quote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`
}
