// What @traykit/edge costs per request on Node: requests/s, p99 latency and server CPU time per
// request through the handler, against a bare Hono pass-through proxy to the same upstream (the
// mock Tray over HTTP), measured in the same run. Three processes on loopback: the mock, the two
// servers under test (loaded in turn), and autocannon here. Run as a script, this file is one of
// those servers.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = fileURLToPath(import.meta.url)
const packages = join(dirname(here), '../../packages')
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
const ROUNDS = 3

if (process.argv[1] === here) await serve(process.argv[2], process.argv[3], process.argv[4])

/** @returns {Promise<import('../run.mjs').BenchRow[]>} */
export default async function () {
  const { default: autocannon } = await import('autocannon')
  const dir = await mkdtemp(join(tmpdir(), 'traykit-bench-edge-'))
  const children = []
  try {
    const bundle = await bundleDist(join(dir, 'servers.mjs'))
    const mock = await start(children, [bundle, 'mock'])
    const servers = await start(children, [bundle, 'servers', `http://127.0.0.1:${mock.port}`])
    const handler = `http://127.0.0.1:${servers.handler}`
    const bare = `http://127.0.0.1:${servers.bare}`
    const cpu = async () =>
      (await (await fetch(`http://127.0.0.1:${servers.control}/cpu`)).json()).micros

    /** One bounded run; a run with any non-2xx answer or error measures nothing. */
    const load = async (origin, route, seconds) => {
      const cpuBefore = await cpu()
      const result = await autocannon({
        url: `${origin}${route.path}`,
        method: route.method,
        headers: { 'content-type': 'application/json' },
        body: route.body,
        connections: CONNECTIONS,
        duration: seconds,
      })
      const cpuMicros = (await cpu()) - cpuBefore
      if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
        throw new Error(
          `${route.method} ${origin}${route.path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
        )
      }
      return {
        rps: result.requests.average,
        p99: result.latency.p99,
        cpuPerRequest: cpuMicros / result.requests.total,
      }
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
      await load(bare, route, WARMUP_SECONDS)
      await load(handler, route, WARMUP_SECONDS)
      // Short runs in bare, handler, handler, bare order, medians per side: drift and other
      // load on the machine weigh on both sides alike.
      const runs = { bare: [], handler: [] }
      for (let round = 0; round < ROUNDS; round++) {
        runs.bare.push(await load(bare, route, SECONDS))
        runs.handler.push(await load(handler, route, SECONDS))
        runs.handler.push(await load(handler, route, SECONDS))
        runs.bare.push(await load(bare, route, SECONDS))
      }
      const h = medians(runs.handler)
      const b = medians(runs.bare)
      const baseline = `bare Hono proxy, ${route.label} to the mock over HTTP`
      rows.push(
        {
          name: `edge: ${route.label} through the handler (${route.how}), Node`,
          unit: 'req/s',
          value: h.rps,
          baseline: { name: baseline, value: b.rps },
          higherIsBetter: true,
          target: '>= 0.85',
        },
        {
          name: `edge: ${route.label} through the handler (${route.how}), p99 latency`,
          unit: 'ms',
          value: h.p99,
          baseline: { name: baseline, value: b.p99 },
          higherIsBetter: false,
        },
        {
          // The mock bounds both throughputs; this is the handler's own cost, whatever the upstream.
          name: `edge: ${route.label} through the handler (${route.how}), server CPU per request`,
          unit: 'µs',
          value: h.cpuPerRequest,
          baseline: { name: baseline, value: b.cpuPerRequest },
          higherIsBetter: false,
        },
      )
    }
    return rows
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Bundles the built packages (dist) with their dependencies into one module Node can import:
 * in the workspace, `@traykit/core` resolves to its TypeScript sources, so it is pointed at
 * its dist here.
 */
async function bundleDist(outfile) {
  const { build } = await import('esbuild')
  const dist = (pkg, file) => join(packages, pkg, 'dist', file)
  await build({
    stdin: {
      contents: [
        `export { createTrayHandler } from ${JSON.stringify(dist('edge', 'index.js'))}`,
        `export { createMockTray } from ${JSON.stringify(dist('testing', 'index.js'))}`,
        `export { listen } from ${JSON.stringify(dist('testing', 'node.js'))}`,
        `export { Hono } from 'hono'`,
        `export { serve } from '@hono/node-server'`,
      ].join('\n'),
      resolveDir: join(packages, 'edge'),
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

/** Starts this file as a server process and waits for the ports it prints. */
function start(children, args) {
  const child = spawn(process.execPath, [here, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args[1]} did not start within 15 s`)),
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
      reject(new Error(`${args[1]} exited with ${code}`))
    })
  })
}

/** Server mode: the mock Tray, or the handler and the bare proxy in front of it. */
async function serve(bundle, role, upstream) {
  const {
    createTrayHandler,
    createMockTray,
    listen,
    Hono,
    serve: listenOn,
  } = await import(pathToFileURL(bundle).href)
  if (role === 'mock') {
    const { port } = await listen(createMockTray({ tokens: [TOKEN] }))
    console.log(JSON.stringify({ port }))
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
  const ports = await Promise.all(
    [handler, bare, control].map(
      (app) =>
        new Promise((resolve) =>
          listenOn({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
            resolve(info.port),
          ),
        ),
    ),
  )
  console.log(JSON.stringify({ handler: ports[0], bare: ports[1], control: ports[2] }))
}

/** The median of each figure over a side's runs. */
function medians(runs) {
  const median = (key) => {
    const sorted = runs.map((run) => run[key]).sort((x, y) => x - y)
    const mid = sorted.length / 2
    return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2
  }
  return { rps: median('rps'), p99: median('p99'), cpuPerRequest: median('cpuPerRequest') }
}
