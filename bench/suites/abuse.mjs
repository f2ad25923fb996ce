// What a signed-in abuser can make the edge handler spend (issue 11, "Cost is not bounded"), with
// the built packages on Node: the handler on @hono/node-server in front of the mock Tray (or, for
// the size part, a raw node:http upstream), every process on 127.0.0.1, each figure against a
// baseline measured in the same run:
//
// - lookup storm: 1 500 GETs of unknown slack versions from clients that disconnect after
//   STORM_HOLD_MS once the handler has them all; a legitimate call's p99 meanwhile against the
//   same calls when quiet, and the
//   upstream reads that ran after every storm caller had left;
// - CPU: the handler's CPU time per refused call with 80 000 unknown input keys (~850 KiB)
//   against a normal call, and a normal call's p99 while 4 clients loop that body;
// - upstream size: the handler's memory while a 150 MB operations answer streams in, against
//   normal operations reads, and what its client got.
//
// Before the fixes these run long (queues of minutes, seconds of CPU per request), so every wait
// is capped and reported as "did not finish within N s" rather than awaited. Run as a script,
// this file is one of the servers: the mock, the handler, or the raw upstream.
import { createServer, request as httpRequest } from 'node:http'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { bundleDist } from '../_lib/bundle-dist.mjs'
import { median } from '../_lib/median.mjs'
import { serveApp } from '../_lib/serve-app.mjs'
import { announcePorts, childServers } from '../_lib/start-server.mjs'

const here = fileURLToPath(import.meta.url)
const TOKEN = 'bench-abuse-token-Wq4z9'
const MiB = 1024 * 1024
const CALL_BODY = JSON.stringify({
  operation: 'send_message',
  input: { channel: 'C0123', text: 'Hello' },
})
const callPath = (version) => `/core/v1/connectors/slack/versions/${version}/call`
const operationsPath = (version) => `/core/v1/connectors/slack/versions/${version}/operations`

// Lookup storm.
const STORM_REQUESTS = 1500
/**
 * How long the storm's callers stay connected once the handler has received all of their
 * requests (on a busy 2-core machine, accepting 1 500 connections takes a second or more).
 */
const STORM_HOLD_MS = 1000
const STORM_ARRIVAL_CAP_MS = 10_000
/** Reads the upstream sees this soon after the last disconnect were already on their way. */
const LEFT_GRACE_MS = 250
/** Legitimate calls, one every LEGIT_EVERY_MS, half of them a slack version not read before. */
const LEGIT_CALLS = 24
const LEGIT_EVERY_MS = 100
const LEGIT_CAP_MS = 20_000
/** After the callers left: watch the upstream until it is quiet for 2 s, this long at most. */
const SETTLE_CAP_MS = 20_000
/** Slack versions the mock serves besides its own (copies of 9.1), one per cold legitimate call. */
const COLD_VERSIONS = 200

// CPU.
const KEYS = 80_000
const NORMAL_CALLS = 100
const REFUSED_CALLS = 3
const CPU_ROUNDS = 3
const CPU_CAP_MS = 40_000
const REQUEST_CAP_MS = 20_000
const LOOPING_CLIENTS = 4
const LOOP_WINDOW_MS = 5000
const LOOP_CALL_EVERY_MS = 250

// Upstream size.
const HUGE_BYTES = 150_000_000
const HUGE_VERSION = '150mb'
const HUGE_CAP_MS = 45_000
const HEAP_LIMIT_MIB = 2048

if (process.argv[1] === here) await runServer(process.argv[2], process.argv[3], process.argv[4])

/** @returns {Promise<import('../run.mjs').BenchRow[]>} */
export default async function () {
  const children = childServers()
  let bundle
  try {
    bundle = await bundleDist('edge', {
      '@traykit/edge': ['createTrayHandler'],
      '@traykit/testing': ['createMockTray', 'defaultCatalog'],
      '@traykit/testing/node': ['listen'],
      hono: ['Hono'],
      '@hono/node-server': ['serve'],
    })
    const mock = await children.launch(here, [bundle.file, 'mock'], 'mock')
    const upstream = `http://127.0.0.1:${mock.ports.port}`
    const handler = async (origin = upstream, nodeArgs = []) => {
      const started = await children.launch(
        here,
        [bundle.file, 'handler', origin],
        'handler',
        nodeArgs,
      )
      return {
        ...started,
        url: `http://127.0.0.1:${started.ports.handler}`,
        control: `http://127.0.0.1:${started.ports.control}`,
      }
    }
    const rows = []
    rows.push(...(await lookupStorm(handler, `http://127.0.0.1:${mock.ports.control}`)))
    rows.push(...(await refusedInputCpu(handler)))
    rows.push(...(await upstreamSize(children, bundle.file, handler)))
    return rows
  } finally {
    children.stop()
    await bundle?.remove()
  }
}

/** Part a and b: a legitimate call during a storm of unknown-version reads, and what ran after. */
async function lookupStorm(startHandler, mockControl) {
  let cold = 0
  const nextCold = () => `10.${cold++ % COLD_VERSIONS}`

  /** LEGIT_CALLS calls, one every LEGIT_EVERY_MS: odd ones to 9.1 (cached), even ones cold. */
  const legitimateCalls = async (url) => {
    const calls = []
    for (let i = 0; i < LEGIT_CALLS; i++) {
      const kind = i % 2 === 0 ? 'cold' : 'warm'
      const version = kind === 'cold' ? nextCold() : '9.1'
      calls.push(timedRequest(`${url}${callPath(version)}`, CALL_BODY, LEGIT_CAP_MS, kind))
      await sleep(LEGIT_EVERY_MS)
    }
    return Promise.all(calls)
  }

  // Quiet: a fresh handler, its 9.1 operations read once.
  const quietHandler = await startHandler()
  await expectOk(`${quietHandler.url}${callPath('9.1')}`, CALL_BODY)
  const quiet = await legitimateCalls(quietHandler.url)
  quietHandler.stop()

  // Storm: a fresh handler the same way, then the storm, then the same calls.
  const stormHandler = await startHandler()
  await expectOk(`${stormHandler.url}${callPath('9.1')}`, CALL_BODY)
  const tag = `storm${Date.now().toString(36)}`
  const storm = []
  for (let i = 0; i < STORM_REQUESTS; i++) {
    const version = `${tag}.${Math.random().toString(36).slice(2, 10)}`
    storm.push(abandonedGet(`${stormHandler.url}${operationsPath(version)}`))
  }
  // The legitimate calls start once the handler holds the whole storm; its callers leave
  // STORM_HOLD_MS later, while the calls go on.
  const stormStarted = performance.now()
  let arrived = 0
  while (arrived < STORM_REQUESTS && performance.now() - stormStarted < STORM_ARRIVAL_CAP_MS) {
    await sleep(50)
    arrived = (await (await fetch(`${stormHandler.control}/seen`)).json()).reads
  }
  const arrivalMs = performance.now() - stormStarted
  const during = legitimateCalls(stormHandler.url)
  await sleep(STORM_HOLD_MS)
  for (const get of storm) get.leave()
  const leftAt = Date.now() + LEFT_GRACE_MS
  const stormAnswers = countBy(await Promise.all(storm.map((get) => get.outcome)), (o) => o)
  const stormed = await during

  // Then the upstream: how many storm reads reached it after the callers left.
  const upstreamReads = async () =>
    (await (await fetch(`${mockControl}/reads?prefix=${tag}&since=${leftAt}`)).json()).reads
  let reads = await upstreamReads()
  let previous = -1
  let quietPolls = 0
  while (Date.now() - leftAt < SETTLE_CAP_MS && quietPolls < 2) {
    await sleep(1000)
    previous = reads
    reads = await upstreamReads()
    quietPolls = reads === previous ? quietPolls + 1 : 0
  }
  const stillRising = quietPolls < 2
  const stormTotal = (await (await fetch(`${mockControl}/reads?prefix=${tag}&since=0`)).json())
    .reads
  const watchedS = Math.round((Date.now() - leftAt) / 1000)
  stormHandler.stop()

  process.stderr.write(
    `abuse: ${arrived} storm requests reached the handler within ${Math.round(arrivalMs)} ms; ` +
      `answers before the disconnect: ${JSON.stringify(stormAnswers)}; ` +
      `upstream storm reads: ${stormTotal} in all, ${reads} after the callers left ` +
      `(watched ${watchedS} s${stillRising ? ', still rising' : ''})\n` +
      `abuse: legitimate calls, quiet: ${describeCalls(quiet)}\n` +
      `abuse: legitimate calls, storm: ${describeCalls(stormed)}\n`,
  )

  const rows = []
  for (const kind of ['cold', 'warm']) {
    const q = quiet.filter((c) => c.kind === kind)
    const s = stormed.filter((c) => c.kind === kind)
    const what =
      kind === 'cold'
        ? 'a legitimate call to a slack version not read before'
        : 'a legitimate call to slack 9.1 (operations cached)'
    rows.push({
      name:
        `abuse: ${what}, p99 of ${s.length} during a ${STORM_REQUESTS}-GET storm of unknown ` +
        `versions (${describeCalls(s)})`,
      unit: 'ms',
      value: p99(s),
      baseline: { name: `the same calls when quiet (${describeCalls(q)})`, value: p99(q) },
      // No target: a read that needs Tray waits behind the bounded queue (limits.maxQueue at
      // 30/s, up to about 7 s) or is refused with 503, until the storm's callers leave.
      higherIsBetter: false,
    })
  }
  rows.push({
    name:
      `abuse: upstream reads after all ${STORM_REQUESTS} storm callers had left ` +
      `(watched ${watchedS} s${stillRising ? `, still rising: did not settle within ${SETTLE_CAP_MS / 1000} s` : ''}; ` +
      `${arrived} reached the handler, ${stormTotal} storm reads upstream in all)`,
    unit: 'reads',
    value: reads,
    baseline: { name: 'storm requests sent', value: STORM_REQUESTS },
    higherIsBetter: false,
    target: '<= 0.05',
  })
  return rows
}

/** Part c: the handler's CPU time per refused 80 000-key call, and a normal call's p99 meanwhile. */
async function refusedInputCpu(startHandler) {
  const handler = await startHandler()
  try {
    const url = `${handler.url}${callPath('9.1')}`
    const hostile = hostileBody()
    const cpu = async () => (await (await fetch(`${handler.control}/cpu`)).json()).micros
    for (let i = 0; i < 20; i++) await expectOk(url, CALL_BODY)

    const started = performance.now()
    const answers = []
    let unfinished = 0
    /** CPU per request of `count` requests in a row, skipped once the part's time is up. */
    const side = async (body, count) => {
      const before = await cpu()
      let sent = 0
      for (; sent < count && performance.now() - started < CPU_CAP_MS; sent++) {
        const answer = await timedRequest(url, body, REQUEST_CAP_MS)
        if (body === CALL_BODY && answer.status !== 200) {
          throw new Error(`abuse: a normal call answered ${answer.status} ${answer.code ?? ''}`)
        }
        if (body !== CALL_BODY) answers.push(answer)
        if (answer.status === 'timeout') unfinished++
      }
      return sent === 0 ? undefined : ((await cpu()) - before) / sent
    }
    const runs = { normal: [], refused: [] }
    const roundRatios = []
    for (let round = 0; round < CPU_ROUNDS; round++) {
      const b1 = await side(CALL_BODY, NORMAL_CALLS)
      const s1 = await side(hostile, REFUSED_CALLS)
      const s2 = await side(hostile, REFUSED_CALLS)
      const b2 = await side(CALL_BODY, NORMAL_CALLS)
      const b = [b1, b2].filter((x) => x !== undefined)
      const s = [s1, s2].filter((x) => x !== undefined)
      runs.normal.push(...b)
      runs.refused.push(...s)
      if (b.length && s.length) roundRatios.push(mean(s) / mean(b))
    }
    const refusal = describeCalls(answers)
    const timeLeft = performance.now() - started < CPU_CAP_MS

    // A normal call while LOOPING_CLIENTS clients send the hostile body in a loop.
    let looping = true
    const loops = Array.from({ length: LOOPING_CLIENTS }, async () => {
      while (looping) await timedRequest(url, hostile, REQUEST_CAP_MS)
    })
    const calls = []
    const loopStart = performance.now()
    while (performance.now() - loopStart < LOOP_WINDOW_MS) {
      calls.push(timedRequest(url, CALL_BODY, REQUEST_CAP_MS))
      await sleep(LOOP_CALL_EVERY_MS)
    }
    const duringLoops = await Promise.all(calls)
    looping = false
    await Promise.all(loops)
    const quietCalls = []
    for (let i = 0; i < duringLoops.length; i++) {
      quietCalls.push(await timedRequest(url, CALL_BODY, REQUEST_CAP_MS))
    }

    process.stderr.write(
      `abuse: 80 000-key calls answered ${refusal}; CPU rounds' ratios ${roundRatios.map((r) => r.toFixed(1)).join(', ')}${timeLeft ? '' : ` (stopped after ${CPU_CAP_MS / 1000} s)`}\n` +
        `abuse: normal calls while ${LOOPING_CLIENTS} clients loop it: ${describeCalls(duringLoops)}; quiet: ${describeCalls(quietCalls)}\n`,
    )
    return [
      {
        name:
          `abuse: handler CPU per refused call of ${KEYS} unknown input keys ` +
          `(${Math.round(hostile.length / 1024)} KiB; answered ${refusal}` +
          `${unfinished ? `; ${unfinished} did not finish within ${REQUEST_CAP_MS / 1000} s` : ''})`,
        unit: 'µs',
        value: median(runs.refused),
        baseline: { name: 'handler CPU per normal valid call', value: median(runs.normal) },
        higherIsBetter: false,
        // Parsing the ~850 KiB body comes first, whatever bounds follow: most of what is left.
        target: '<= 50',
        ...(roundRatios.length
          ? { spread: { min: Math.min(...roundRatios), max: Math.max(...roundRatios) } }
          : {}),
      },
      {
        name:
          `abuse: a normal call, p99 of ${duringLoops.length} while ${LOOPING_CLIENTS} clients ` +
          `loop the ${KEYS}-key body (${describeCalls(duringLoops)})`,
        unit: 'ms',
        value: p99(duringLoops),
        baseline: {
          name: `the same calls when quiet (${describeCalls(quietCalls)})`,
          value: p99(quietCalls),
        },
        higherIsBetter: false,
      },
    ]
  } finally {
    handler.stop()
  }
}

/** Part d: the handler's memory while a 150 MB operations answer streams from upstream. */
async function upstreamSize(children, bundleFile, startHandler) {
  const raw = await children.launch(here, [bundleFile, 'raw-upstream'], 'raw upstream')
  const rawUrl = `http://127.0.0.1:${raw.ports.port}`
  const handler = await startHandler(rawUrl, [`--max-old-space-size=${HEAP_LIMIT_MIB}`])
  let died
  handler.process.once('exit', (code, signal) => {
    died = signal ?? `exit code ${code}`
  })
  const memory = async () => (await fetch(`${handler.control}/memory`)).json()
  try {
    // Normal reads: distinct versions, so each one goes upstream.
    for (let i = 0; i < 5; i++) {
      const answer = await timedRequest(
        `${handler.url}${operationsPath(`1.${i}`)}`,
        undefined,
        10_000,
      )
      if (answer.status !== 200) throw new Error(`abuse: a normal read answered ${answer.status}`)
    }
    const normal = await memory()
    const huge = await timedRequest(
      `${handler.url}${operationsPath(HUGE_VERSION)}`,
      undefined,
      HUGE_CAP_MS,
    )
    await sleep(200)
    const after = died ? undefined : await memory()
    const sent = (await (await fetch(`${rawUrl}/__sent`)).json()).bytes
    const answer = died
      ? `the handler process died (${died}) after the client saw ${describeCalls([huge])}`
      : `the client got ${describeCalls([huge])}, ${(huge.bytes / MiB).toFixed(1)} MiB`
    process.stderr.write(
      `abuse: 150 MB upstream answer: ${answer}; upstream wrote ${(sent / MiB).toFixed(1)} MiB\n`,
    )
    const row = (figure, label, baselineLabel, target) => ({
      name: `abuse: handler ${label} with a ${HUGE_BYTES / 1e6} MB operations answer upstream (${answer})`,
      unit: 'MiB',
      value: after ? after[figure] / MiB : Number.NaN,
      baseline: {
        name: `handler ${baselineLabel} after 5 normal operations reads`,
        value: normal[figure] / MiB,
      },
      higherIsBetter: false,
      target,
    })
    return [
      // The peak holds what is read up to maxResponseBytes (16 MiB by default) as bytes and text.
      row('maxRss', 'peak RSS', 'peak RSS', '<= 2'),
      row('rss', 'RSS after GC', 'RSS after GC', '<= 1.5'),
      row('heapUsed', 'heap after GC', 'heap after GC', '<= 1.5'),
      {
        name: `abuse: bytes the upstream wrote before the handler stopped reading its ${HUGE_BYTES / 1e6} MB answer`,
        unit: 'MiB',
        value: sent / MiB,
        baseline: { name: 'the answer', value: HUGE_BYTES / MiB },
        higherIsBetter: false,
      },
    ]
  } finally {
    handler.stop()
    raw.stop()
  }
}

// ---------------------------------------------------------------------------------------------
// Client side.

/**
 * One request with a cap: its latency, status and error code, and bytes read (counted, not
 * kept). A request that did not finish within `capMs` is aborted and counts as `capMs`.
 */
async function timedRequest(url, body, capMs, kind) {
  const start = performance.now()
  const init =
    body === undefined
      ? { signal: AbortSignal.timeout(capMs) }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(capMs),
        }
  try {
    const response = await fetch(url, init)
    let bytes = 0
    let head = ''
    for await (const chunk of response.body ?? []) {
      bytes += chunk.byteLength
      // An error answer is read whole for its code (a long list of issues runs past 10 KiB).
      if (bytes <= 256 * 1024) head += Buffer.from(chunk).toString('utf8')
    }
    let code
    if (response.status !== 200) {
      try {
        code = JSON.parse(head).code
      } catch {}
    }
    const retryAfter = response.headers.get('retry-after') ?? undefined
    return { kind, status: response.status, code, retryAfter, bytes, ms: performance.now() - start }
  } catch (error) {
    const timedOut = error?.name === 'TimeoutError' || performance.now() - start >= capMs
    return {
      kind,
      status: timedOut ? 'timeout' : 'error',
      code: timedOut ? undefined : (error?.cause?.code ?? error?.name),
      bytes: 0,
      ms: timedOut ? capMs : performance.now() - start,
      capMs,
    }
  }
}

/** A GET whose caller disconnects on `leave()`; `outcome` is its status, or 'left' if unanswered. */
function abandonedGet(url) {
  let request
  const outcome = new Promise((resolve) => {
    request = httpRequest(url, { agent: false }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode))
      response.on('error', () => resolve(response.statusCode))
    })
    request.on('error', () => resolve('left'))
    request.end()
  })
  return { outcome, leave: () => request.destroy() }
}

async function expectOk(url, body) {
  const answer = await timedRequest(url, body, 10_000)
  if (answer.status !== 200) {
    throw new Error(`abuse: ${url} answered ${answer.status} ${answer.code ?? ''}`)
  }
}

/** A call body with KEYS unknown keys under `input`. */
function hostileBody() {
  const input = {}
  for (let i = 0; i < KEYS; i++) input[`k${i}`] = i % 10
  return JSON.stringify({ operation: 'send_message', input })
}

/** The nearest-rank 99th percentile of the calls' latencies. */
function p99(calls) {
  const sorted = calls.map((c) => c.ms).sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN
}

/** "12× 200, 2× 503 overloaded, 1 did not finish within 20 s". */
function describeCalls(calls) {
  const counts = countBy(calls, (c) =>
    c.status === 'timeout'
      ? `did not finish within ${c.capMs / 1000} s`
      : `${c.status}${c.code ? ` ${c.code}` : ''}`,
  )
  return Object.entries(counts)
    .map(([what, n]) => `${n}× ${what}`)
    .join(', ')
}

function countBy(items, key) {
  const counts = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------
// Server side.

/** Server mode: the mock Tray, the handler in front of `upstream`, or the raw upstream. */
async function runServer(bundle, role, upstream) {
  const { createTrayHandler, createMockTray, defaultCatalog, listen, Hono, serve } = await import(
    pathToFileURL(bundle).href
  )
  if (role === 'mock') {
    const slack91 = defaultCatalog.connectors.find((c) => c.name === 'slack' && c.version === '9.1')
    const copies = Array.from({ length: COLD_VERSIONS }, (_, i) => ({
      ...slack91,
      version: `10.${i}`,
    }))
    const catalog = { ...defaultCatalog, connectors: [...defaultCatalog.connectors, ...copies] }
    const mock = createMockTray({ tokens: [TOKEN], catalog })
    const { port } = await listen(mock)
    // Counts the operations reads of the versions that start with `prefix`, since `since` (ms).
    const control = new Hono().get('/reads', (c) => {
      const prefix = c.req.query('prefix') ?? ''
      const since = Number(c.req.query('since') ?? 0)
      const reads = mock.calls.filter(
        (r) => r.route === 'operations' && r.version?.startsWith(prefix) && r.time >= since,
      ).length
      return c.json({ reads })
    })
    announcePorts({ port, control: (await serveApp(serve, control)).port })
    return
  }
  if (role === 'handler') {
    // Counts the operations reads that reach the handler, so the storm's callers leave only
    // once the handler has received all of them.
    let seen = 0
    const handler = new Hono()
      .use(async (c, next) => {
        if (c.req.path.endsWith('/operations')) seen++
        await next()
      })
      .route(
        '/',
        createTrayHandler({
          token: TOKEN,
          public: true,
          allow: { slack: ['send_message'] },
          baseUrl: upstream,
        }),
      )
    const collectGarbage = exposedGc()
    const control = new Hono()
      .get('/seen', (c) => c.json({ reads: seen }))
      .get('/cpu', (c) => {
        const { user, system } = process.cpuUsage()
        return c.json({ micros: user + system })
      })
      .get('/memory', (c) => {
        collectGarbage()
        const { heapUsed, rss } = process.memoryUsage()
        return c.json({ heapUsed, rss, maxRss: process.resourceUsage().maxRSS * 1024 })
      })
    const [h, c] = await Promise.all([handler, control].map((app) => serveApp(serve, app)))
    announcePorts({ handler: h.port, control: c.port })
    return
  }
  if (role === 'raw-upstream') {
    announcePorts({ port: await serveRawUpstream(createMockTray) })
  }
}

/**
 * A plain node:http Tray that answers slack's operations from the mock's catalog, except for
 * HUGE_VERSION: HUGE_BYTES of valid operations JSON, chunked (no Content-Length, so only counting
 * can stop it), written as fast as the reader takes it. `/__sent` says how much was written.
 */
async function serveRawUpstream(createMockTray) {
  const mock = createMockTray({ tokens: [TOKEN] })
  const normal = await (
    await mock.fetch(`http://tray.test${operationsPath('9.1')}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
  ).text()
  const operation = JSON.stringify(JSON.parse(normal).elements[0])
  const chunk = Buffer.from(
    `${Array.from({ length: Math.ceil(MiB / operation.length) }, () => operation).join(',')},`,
  )
  let sent = 0
  const server = createServer(async (req, res) => {
    if (req.url === '/__sent') {
      res.setHeader('content-type', 'application/json')
      return res.end(JSON.stringify({ bytes: sent }))
    }
    res.setHeader('content-type', 'application/json')
    if (req.url !== operationsPath(HUGE_VERSION)) return res.end(normal)
    let closed = false
    let drained = () => {}
    res.on('close', () => {
      closed = true
      drained()
    })
    res.on('drain', () => drained())
    const write = (data) => {
      sent += data.length
      if (res.write(data)) return undefined
      return new Promise((resolve) => {
        drained = resolve
      })
    }
    await write('{"elements":[')
    while (!closed && sent + chunk.length < HUGE_BYTES) await write(chunk)
    if (!closed) res.end(`${operation}]}`)
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  )
}

/** `gc()`, without asking whoever starts this process for `--expose-gc`. */
function exposedGc() {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc')
}
