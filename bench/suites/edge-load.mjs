// The long form of packages/edge/runtime-tests/node-load.test.ts: the built edge handler on
// Node (@hono/node-server) under 100 connections for 10 s of a mix of catalog reads, valid
// calls and every kind of request it refuses, with the mock Tray over HTTP behind it. Figures:
// requests/s and p99 latency, against the same mix sent straight to the mock (the upstream
// alone, no handler) in the same run; and the handler process's memory after a full GC, after
// warm-up and after all the load. Fails on any connection error, timeout, or an answer that is
// not the one its kind expects, printing each run's answers per kind. Three processes on
// loopback: the mock, the handler, autocannon here. Run as a script, this file is one of them.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundleDist } from '../_lib/bundle-dist.mjs'
import { loadInTurns } from '../_lib/load.mjs'
import { announcePorts, childServers } from '../_lib/start-server.mjs'

const here = fileURLToPath(import.meta.url)
const CONNECTIONS = 100
const WARMUP_SECONDS = 2
const SECONDS = 10
const MiB = 1024 * 1024

if (process.argv[1] === here) await runServer(process.argv[2], process.argv[3], process.argv[4])

/** @returns {Promise<import('../run.mjs').BenchRow[]>} */
export default async function () {
  const children = childServers()
  let bundle
  try {
    // The mix and the served app are the load test's own; @traykit/edge in them is the dist.
    bundle = await bundleDist('edge', {
      './runtime-tests/_load-mix.ts': [
        'runLoadMix',
        'formatLoadReport',
        'LOAD_TOKEN',
        'LOAD_SESSION',
      ],
      './runtime-tests/_node-app.ts': ['serveNodeApp'],
      '@traykit/testing': ['createMockTray'],
      '@traykit/testing/node': ['listen'],
    })
    const { runLoadMix, formatLoadReport } = await import(pathToFileURL(bundle.file).href)
    const { default: autocannon } = await import('autocannon')
    const mock = `http://127.0.0.1:${(await children.start(here, [bundle.file, 'mock'], 'mock')).port}`
    const handler = `http://127.0.0.1:${
      (await children.start(here, [bundle.file, 'handler', mock], 'handler')).port
    }`
    const memory = async () => (await fetch(`${handler}/__memory`)).json()

    let answers = 0
    /**
     * One run of the mix. The handler must answer every request as its kind expects; the mock
     * answers with statuses of its own (it bills what the handler refuses), so only its
     * connection errors and timeouts count.
     */
    const measure = (url, side) => async (seconds) => {
      const report = await runLoadMix(autocannon, { url, connections: CONNECTIONS, seconds })
      const title = `edge-load: ${side}, ${CONNECTIONS} connections, ${seconds} s`
      const isHandler = side === 'handler'
      process.stderr.write(
        isHandler
          ? `${formatLoadReport(report, title)}\n`
          : `${title}: ${report.answers} answers, ${report.errors} errors, ${report.timeouts} timeouts\n`,
      )
      const failed = report.errors + report.timeouts + (isHandler ? report.unexpected : 0)
      if (failed > 0) throw new Error(`${title}: ${failed} failed or unexpected answers`)
      if (isHandler && seconds === SECONDS) answers += report.answers
      return { rps: report.rps, p99: report.p99 }
    }

    await measure(handler, 'handler')(1)
    const before = await memory()
    const { subject: h, baseline: b } = await loadInTurns({
      baseline: measure(mock, 'mock alone'),
      subject: measure(handler, 'handler'),
      rounds: 1,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
    })
    const after = await memory()

    const name = `edge-load: mixed reads, calls and refusals through the handler on Node (${CONNECTIONS} connections)`
    const baseline = 'the same mix sent straight to the mock Tray'
    const memoryRow = (figure, label) => ({
      name: `edge-load: handler ${label} after GC, after ${answers} measured answers`,
      unit: 'MiB',
      value: after[figure] / MiB,
      baseline: { name: `handler ${label} after GC, after warm-up`, value: before[figure] / MiB },
      higherIsBetter: false,
    })
    return [
      {
        name,
        unit: 'req/s',
        value: h.rps,
        baseline: { name: baseline, value: b.rps },
        higherIsBetter: true,
      },
      {
        name: `${name}, p99 latency`,
        unit: 'ms',
        value: h.p99,
        baseline: { name: baseline, value: b.p99 },
        higherIsBetter: false,
      },
      memoryRow('heapUsed', 'heap'),
      memoryRow('rss', 'RSS'),
    ]
  } finally {
    children.stop()
    await bundle?.remove()
  }
}

/** Server mode: the mock Tray, or the handler in front of it. */
async function runServer(bundle, role, upstream) {
  const { createMockTray, listen, serveNodeApp, LOAD_TOKEN, LOAD_SESSION } = await import(
    pathToFileURL(bundle).href
  )
  if (role === 'mock') {
    // The mix's session is a token here, so that the baseline's signed-in requests are let in;
    // a bounded journal keeps the mock's own memory flat.
    const tokens = [LOAD_TOKEN, LOAD_SESSION.replace('Bearer ', '')]
    const { port } = await listen(createMockTray({ tokens, journalLimit: 1000 }))
    announcePorts({ port })
    return
  }
  announcePorts({ port: await serveNodeApp(upstream) })
}
