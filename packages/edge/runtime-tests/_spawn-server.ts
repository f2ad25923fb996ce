import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'

const BIN = join(import.meta.dirname, '..', 'node_modules', '.bin')

/** The runtimes of the deno and bun npm packages, as this package's devDependencies install them. */
export const DENO = join(BIN, 'deno')
export const BUN = join(BIN, 'bun')

/** A server process started by a test: where it listens, and how to stop it. */
export interface SpawnedServer {
  url: string
  stop(): Promise<void>
}

/**
 * Starts a server process and waits, at most `timeoutMs`, for it to print the port it listens
 * on (`{"port":N}` or a URL with a port); the process is killed if it does not.
 */
export function spawnServer(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<SpawnedServer> {
  const child = spawn(command, args, {
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: options.cwd,
    // Its own process group: stopping it also stops what a launcher started (the deno package's
    // bin is a Node script that runs the real binary as a child).
    detached: true,
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop(child)
      reject(
        new Error(
          `${command} printed no port within ${options.timeoutMs ?? 15_000} ms:\n${output}`,
        ),
      )
    }, options.timeoutMs ?? 15_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const port = /"port":(\d+)|127\.0\.0\.1:(\d+)/.exec(output)
      if (!port) return
      clearTimeout(timer)
      resolve({ url: `http://127.0.0.1:${port[1] ?? port[2]}`, stop: () => stop(child) })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${command} exited with ${code} before listening:\n${output}`))
    })
  })
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    signalGroup(child, 'SIGTERM')
    // A process that ignores SIGTERM must not outlive the tests.
    setTimeout(() => signalGroup(child, 'SIGKILL'), 3_000).unref()
  })
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group is already gone.
  }
}
