// What @traykit/testing's mock costs: its start-up (createMockTray + listen + first answer, what
// a test pays per mock) and its GET /core/v1/connectors throughput over HTTP, each next to a
// bare Hono hello route on @hono/node-server measured in the same run. The servers under load
// run in a child process, autocannon here; everything stays on 127.0.0.1. Run as a script, this
// file is that child.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = fileURLToPath(import.meta.url)
const packages = join(dirname(here), '../../packages')
const TOKEN = 'bench-mock-token-Q7c2'
const START_RUNS = 21
const CONNECTIONS = 10
const WARMUP_SECONDS = 1
const SECONDS = 3

if (process.argv[1] === here) await serveBoth(process.argv[2])

/** @returns {Promise<import('../run.mjs').BenchRow[]>} */
export default async function () {
  const dir = await mkdtemp(join(tmpdir(), 'traykit-bench-mock-'))
  let child
  try {
    const bundle = await bundleDist(join(dir, 'mock.mjs'))
    const { createMockTray, listen, Hono, serve } = await import(pathToFileURL(bundle).href)

    // Interleaved, so warm-up and garbage collection fall on both alike.
    const [mockStart, bareStart] = await interleavedMediansMs(START_RUNS, [
      async () => {
        const server = await listen(createMockTray({ tokens: [TOKEN] }))
        await firstAnswer(`${server.url}/core/v1/connectors`)
        await server.close()
      },
      async () => {
        const server = await serveHello(Hono, serve)
        await firstAnswer(`${server.url}/hello`)
        await server.close()
      },
    ])

    child = spawn(process.execPath, [here, bundle], { stdio: ['ignore', 'pipe', 'inherit'] })
    const ports = await readPorts(child)
    const mockUrl = `http://127.0.0.1:${ports.mock}/core/v1/connectors`
    const bareUrl = `http://127.0.0.1:${ports.bare}/hello`
    await load(bareUrl, WARMUP_SECONDS)
    await load(mockUrl, WARMUP_SECONDS)
    // Bare, mock, mock, bare: drift over the run weighs on both sides alike.
    const b1 = await load(bareUrl, SECONDS)
    const m1 = await load(mockUrl, SECONDS)
    const m2 = await load(mockUrl, SECONDS)
    const b2 = await load(bareUrl, SECONDS)

    const bareName = 'bare Hono hello route on @hono/node-server'
    return [
      {
        name: `mock: start-up, createMockTray + listen + first GET connectors (median of ${START_RUNS})`,
        unit: 'ms',
        value: mockStart,
        baseline: { name: `${bareName}: new Hono + serve + first answer`, value: bareStart },
        higherIsBetter: false,
      },
      {
        name: `mock: GET /core/v1/connectors over HTTP (${CONNECTIONS} connections)`,
        unit: 'req/s',
        value: (m1.rps + m2.rps) / 2,
        baseline: { name: bareName, value: (b1.rps + b2.rps) / 2 },
        higherIsBetter: true,
      },
      {
        name: 'mock: GET /core/v1/connectors over HTTP, p99 latency',
        unit: 'ms',
        value: (m1.p99 + m2.p99) / 2,
        baseline: { name: bareName, value: (b1.p99 + b2.p99) / 2 },
        higherIsBetter: false,
      },
    ]
  } finally {
    child?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  }
}

/** One bounded autocannon run; any error or non-2xx answer makes the figure worthless. */
async function load(url, seconds) {
  const { default: autocannon } = await import('autocannon')
  const result = await autocannon({
    url,
    headers: { authorization: `Bearer ${TOKEN}` },
    connections: CONNECTIONS,
    duration: seconds,
  })
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    )
  }
  return { rps: result.requests.average, p99: result.latency.p99 }
}

/** Runs each task `runs` times, in turn, and gives the median time of each. */
async function interleavedMediansMs(runs, tasks) {
  const times = tasks.map(() => [])
  for (let i = 0; i < runs; i++) {
    for (const [t, task] of tasks.entries()) {
      const started = performance.now()
      await task()
      times[t].push(performance.now() - started)
    }
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)])
}

/** A GET on a connection of its own, as a test's first request would be. */
function firstAnswer(url) {
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      { agent: false, headers: { authorization: `Bearer ${TOKEN}` } },
      (response) => {
        response.resume()
        response.once('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`${url} answered ${response.statusCode}`)),
        )
      },
    )
    request.once('error', reject)
  })
}

/** The baseline server: the smallest Hono app, served and closed the way listen() does it. */
function serveHello(Hono, serve, port = 0) {
  const app = new Hono().get('/hello', (c) => c.text('hello'))
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        port: info.port,
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      }),
    )
  })
}

/** Child mode: the mock and the bare app, each on its own port, until killed. */
async function serveBoth(bundle) {
  const { createMockTray, listen, Hono, serve } = await import(pathToFileURL(bundle).href)
  const mock = await listen(createMockTray({ tokens: [TOKEN] }))
  const bare = await serveHello(Hono, serve)
  console.log(JSON.stringify({ mock: mock.port, bare: bare.port }))
}

function readPorts(child) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the servers did not start within 15 s')),
      15_000,
    )
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
      const line = output.split('\n').find((l) => l.startsWith('{'))
      if (!line) return
      clearTimeout(timer)
      resolve(JSON.parse(line))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the servers exited with ${code}`))
    })
  })
}

/**
 * Bundles the built packages (dist) into one module Node can import: in the workspace,
 * `@traykit/core` resolves to its TypeScript sources, so it is pointed at its dist here.
 */
async function bundleDist(outfile) {
  const { build } = await import('esbuild')
  const dist = (pkg, file) => join(packages, pkg, 'dist', file)
  await build({
    stdin: {
      contents: [
        `export { createMockTray } from ${JSON.stringify(dist('testing', 'index.js'))}`,
        `export { listen } from ${JSON.stringify(dist('testing', 'node.js'))}`,
        `export { Hono } from 'hono'`,
        `export { serve } from '@hono/node-server'`,
      ].join('\n'),
      resolveDir: join(packages, 'testing'),
      loader: 'js',
    },
    alias: { '@traykit/core': dist('core', 'index.js') },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  })
  return outfile
}
