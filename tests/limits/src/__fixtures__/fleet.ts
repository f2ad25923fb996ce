import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { build } from 'esbuild'
import type { FleetJob, FleetReport } from './fleet-worker'

const OUT = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'fleet-worker.mjs')
let bundled: Promise<string> | undefined

/** The worker as one Node module (the workspace packages are TypeScript sources). */
function workerScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [join(import.meta.dirname, 'fleet-worker.ts')],
    outfile: OUT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // ioredis and rate-limiter-flexible are CommonJS: give the bundle a require.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  }).then(() => OUT)
  return bundled
}

/** A worker process under way. */
export interface Worker {
  child: ChildProcess
  /** Resolves once the worker has sent its requests off. */
  started: Promise<void>
  /** Its report, once it has finished (rejects if it exits without one). */
  report: Promise<FleetReport>
}

/** Starts one worker process on `job`. */
export async function startWorker(job: FleetJob): Promise<Worker> {
  const child = spawn(process.execPath, [await workerScript()], {
    env: { ...process.env, TRAYKIT_FLEET: JSON.stringify(job) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stderr?.on('data', (chunk) => {
    err += chunk
  })
  const started = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      out += chunk
      if (out.includes('started\n')) resolve()
    })
    child.once('exit', () => reject(new Error(`worker exited before starting: ${err}`)))
  })
  const report = new Promise<FleetReport>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve(JSON.parse(line) as FleetReport)
      else reject(new Error(`worker exited (${code ?? signal}) with no report: ${err}`))
    })
  })
  // Both are awaited by the test; a rejection nobody waits for must not end the run.
  started.catch(() => {})
  report.catch(() => {})
  return { child, started, report }
}
