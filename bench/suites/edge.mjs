// What @traykit/edge costs per request on Node: requests/s, p99 latency and server CPU time per
// request through the handler, against a bare Hono pass-through proxy to the same upstream (the
// mock Tray over HTTP), measured in the same run. Three processes on loopback: the mock, the two
// servers under test (loaded in turn), and autocannon here. Run as a script, this file is one of
// those servers.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundleDist } from '../_lib/bundle-dist.mjs'
import { load, loadInTurns, spreadOf } from '../_lib/load.mjs'
import { serveApp } from '../_lib/serve-app.mjs'
import { announcePorts, childServers } from '../_lib/start-server.mjs'

const here = fileURLToPath(import.meta.url)
const TOKEN = 'bench-tray-token-5Jd8'
const CALL_PATH = '/core/v1/connectors/slack/versions/9.1/call'
const OPERATIONS_PATH = '/core/v1/connectors/slack/versions/9.1/operations'
const CALL_BODY = JSON.stringify({
  operation: 'send_message',
  input: { channel: 'C0123', text: 'Hello' },
})
const CONNECTIONS = 16
const WARMUP_SECONDS = 1
const SECONDS = 1.5
const ROUNDS = 8

if (process.argv[1] === here) await runServer(process.argv[2], process.argv[3], process.argv[4])

/** @returns {Promise<import('../run.mjs').BenchRow[]>} */
export default async function () {
  const children = childServers()
  let bundle
  try {
    bundle = await bundleDist('edge', {
      '@traykit/edge': ['createTrayHandler'],
      '@traykit/testing': ['createMockTray'],
      '@traykit/testing/node': ['listen'],
      hono: ['Hono'],
      '@hono/node-server': ['serve'],
    })
    const mock = await children.start(here, [bundle.file, 'mock'], 'mock')
    const servers = await children.start(
      here,
      [bundle.file, 'servers', `http://127.0.0.1:${mock.port}`],
      'servers',
    )
    const handler = `http://127.0.0.1:${servers.handler}`
    const bare = `http://127.0.0.1:${servers.bare}`
    const cpu = async () =>
      (await (await fetch(`http://127.0.0.1:${servers.control}/cpu`)).json()).micros

    /** One bounded run, with the CPU time the servers' process spent on it. */
    const measure = (origin, route) => async (seconds) => {
      const cpuBefore = await cpu()
      const { rps, p99, requests } = await load({
        url: `${origin}${route.path}`,
        method: route.method,
        headers: { 'content-type': 'application/json' },
        body: route.body,
        connections: CONNECTIONS,
        seconds,
      })
      return { rps, p99, cpuPerRequest: ((await cpu()) - cpuBefore) / requests }
    }

    const routes = [
      {
        label: 'GET operations',
        path: OPERATIONS_PATH,
        method: 'GET',
        how: 'served from its catalog cache',
      },
      {
        label: 'POST call',
        path: CALL_PATH,
        method: 'POST',
        body: CALL_BODY,
        how: 'checked and forwarded',
      },
    ]
    const rows = []
    for (const route of routes) {
      const {
        subject: h,
        baseline: b,
        roundRatios,
      } = await loadInTurns({
        baseline: measure(bare, route),
        subject: measure(handler, route),
        rounds: ROUNDS,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
      })
      const baseline = `bare Hono proxy, ${route.label} to the mock over HTTP`
      rows.push(
        {
          name: `edge: ${route.label} through the handler (${route.how}), Node`,
          unit: 'req/s',
          value: h.rps,
          baseline: { name: baseline, value: b.rps },
          higherIsBetter: true,
          target: '>= 0.85',
          spread: spreadOf(roundRatios, 'rps'),
        },
        {
          name: `edge: ${route.label} through the handler (${route.how}), p99 latency`,
          unit: 'ms',
          value: h.p99,
          baseline: { name: baseline, value: b.p99 },
          higherIsBetter: false,
          spread: spreadOf(roundRatios, 'p99'),
        },
        {
          // The mock bounds both throughputs; this is the handler's own cost, whatever the upstream.
          name: `edge: ${route.label} through the handler (${route.how}), server CPU per request`,
          unit: 'µs',
          value: h.cpuPerRequest,
          baseline: { name: baseline, value: b.cpuPerRequest },
          higherIsBetter: false,
          spread: spreadOf(roundRatios, 'cpuPerRequest'),
        },
      )
    }
    return rows
  } finally {
    children.stop()
    await bundle?.remove()
  }
}

/** Server mode: the mock Tray, or the handler and the bare proxy in front of it. */
async function runServer(bundle, role, upstream) {
  const { createTrayHandler, createMockTray, listen, Hono, serve } = await import(
    pathToFileURL(bundle).href
  )
  if (role === 'mock') {
    const { port } = await listen(createMockTray({ tokens: [TOKEN] }))
    announcePorts({ port })
    return
  }
  const handler = new Hono().route(
    '/',
    createTrayHandler({
      token: TOKEN,
      public: true,
      allow: { slack: ['send_message'] },
      baseUrl: upstream,
    }),
  )
  // What a proxy without checks does: forward method, path and body with the token, stream back.
  const bare = new Hono().all('/core/v1/*', async (c) => {
    const init = {
      method: c.req.method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        accept: 'application/json',
        'content-type': c.req.header('content-type') ?? 'application/json',
      },
    }
    // Buffered like the handler's, so the mock reads the same kind of body from both.
    if (c.req.method !== 'GET') init.body = await c.req.arrayBuffer()
    const answer = await fetch(`${upstream}${c.req.path}`, init)
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json' },
    })
  })
  // Reports this process's CPU time, so each run can be charged to the server it loaded.
  const control = new Hono().get('/cpu', (c) => {
    const { user, system } = process.cpuUsage()
    return c.json({ micros: user + system })
  })
  const [h, b, c] = await Promise.all([handler, bare, control].map((app) => serveApp(serve, app)))
  announcePorts({ handler: h.port, bare: b.port, control: c.port })
}
