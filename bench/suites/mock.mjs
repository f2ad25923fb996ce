// What @traykit/testing's mock costs: its start-up (createMockTray + listen + first answer, what
// a test pays per mock) and its GET /core/v1/connectors throughput over HTTP, each next to a
// bare Hono hello route on @hono/node-server measured in the same run. The servers under load
// run in a child process, autocannon here; everything stays on 127.0.0.1. Run as a script, this
// file is that child.
import { get } from 'node:http'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundleDist } from '../_lib/bundle-dist.mjs'
import { load, loadInTurns } from '../_lib/load.mjs'
import { median } from '../_lib/median.mjs'
import { serveApp } from '../_lib/serve-app.mjs'
import { announcePorts, childServers } from '../_lib/start-server.mjs'

const here = fileURLToPath(import.meta.url)
const TOKEN = 'bench-mock-token-Q7c2'
const START_RUNS = 21
const CONNECTIONS = 10
const WARMUP_SECONDS = 1
const SECONDS = 3

if (process.argv[1] === here) await serveBoth(process.argv[2])

/** @returns {Promise<import('../run.mjs').BenchRow[]>} */
export default async function () {
  const children = childServers()
  let bundle
  try {
    bundle = await bundleDist('testing', {
      '@traykit/testing': ['createMockTray'],
      '@traykit/testing/node': ['listen'],
      hono: ['Hono'],
      '@hono/node-server': ['serve'],
    })
    const { createMockTray, listen, Hono, serve } = await import(pathToFileURL(bundle.file).href)

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

    const ports = await children.start(here, [bundle.file], 'the servers')
    const measure = (url) => (seconds) =>
      load({
        url,
        headers: { authorization: `Bearer ${TOKEN}` },
        connections: CONNECTIONS,
        seconds,
      })
    // One round of bare, mock, mock, bare: the median of two runs is their mean.
    const { subject: m, baseline: b } = await loadInTurns({
      baseline: measure(`http://127.0.0.1:${ports.bare}/hello`),
      subject: measure(`http://127.0.0.1:${ports.mock}/core/v1/connectors`),
      rounds: 1,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
    })

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
        value: m.rps,
        baseline: { name: bareName, value: b.rps },
        higherIsBetter: true,
      },
      {
        name: 'mock: GET /core/v1/connectors over HTTP, p99 latency',
        unit: 'ms',
        value: m.p99,
        baseline: { name: bareName, value: b.p99 },
        higherIsBetter: false,
      },
    ]
  } finally {
    children.stop()
    await bundle?.remove()
  }
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
  return times.map(median)
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
function serveHello(Hono, serve) {
  return serveApp(
    serve,
    new Hono().get('/hello', (c) => c.text('hello')),
  )
}

/** Child mode: the mock and the bare app, each on its own port, until killed. */
async function serveBoth(bundle) {
  const { createMockTray, listen, Hono, serve } = await import(pathToFileURL(bundle).href)
  const mock = await listen(createMockTray({ tokens: [TOKEN] }))
  const bare = await serveHello(Hono, serve)
  announcePorts({ mock: mock.port, bare: bare.port })
}
