// Starts Debian's redis-server on a free port for a test or a bench, and stops it. Plain
// JavaScript so the bench suites (.mjs) use the same one as the tests.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'

/**
 * @typedef {object} RunningRedis
 * @property {number} port
 * @property {string} url `redis://127.0.0.1:<port>`
 * @property {() => Promise<void>} stop Ends the server (SIGKILL: nothing is saved anyway).
 */

/**
 * Starts `redis-server --port N --save '' --appendonly no` on 127.0.0.1; 15 s to get ready.
 * @param {number} [port] a free one by default
 * @returns {Promise<RunningRedis>}
 */
export async function startRedis(port) {
  const chosen = port ?? (await freePort())
  const child = spawn(
    'redis-server',
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server not ready in 15 s:\n${output}`)),
      15_000,
    )
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      output += chunk
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve(undefined)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(
        /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT'
          ? new Error(
              "redis-server is not installed: install Debian's redis-server package (scripts/test does, as root)",
            )
          : error,
      )
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited (${code}):\n${output}`))
    })
  })
  await ready
  const exited = new Promise((resolve) => child.once('exit', resolve))
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/**
 * A port nothing listens on right now.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
