// Shared limits (issue 13): several clients, each on its own Redis connection as a process of a
// fleet would be, share one Tray account through createRedisLimiter against one mock that
// enforces Tray's limits (30 requests/s, burst 50) over HTTP. Figures, each against Tray's own
// number: the upstream rate past the burst, the largest burst, the most calls at once, the 429s,
// the throughput against what Tray allows; and a read's latency on the Redis limiter against the
// in-process one. Runs Debian's redis-server on a free port; everything stays on 127.0.0.1.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startRedis } from '../../tests/limits/src/redis-server.mjs'
import { bundleDist } from '../_lib/bundle-dist.mjs'
import { median } from '../_lib/median.mjs'

const root = join(fileURLToPath(import.meta.url), '../../..')
const TRAY = { requestsPerSecond: 30, burst: 50 }
/** Scaled down from Tray's 1000 so the handler's hold keeps them all busy in a short run. */
const CALL_SLOTS = 20
/**
 * The fleet keeps 5 tokens of Tray's burst back: a request reaches Tray a little after its
 * token was granted, and that jitter (up to 5/30 s here) must not empty Tray's own bucket.
 */
const FLEET_LIMITS = { ...TRAY, burst: 45, maxConcurrentCalls: CALL_SLOTS, maxQueue: 10_000 }
const CLIENTS = 4
const SECONDS = 8
const CALLS_PER_CLIENT = 60
const CALL_HOLD_MS = 100
const LATENCY_READS = 300

/** @returns {Promise<import('../run.mjs').BenchRow[]>} */
export default async function () {
  const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href)
  const { createRedisLimiter } = await import(
    pathToFileURL(join(root, 'packages/core/dist/redis.js')).href
  )
  const { Redis } = createRequire(join(root, 'packages/core/package.json'))('ioredis')
  const mockBundle = await bundleDist('testing', {
    '@traykit/testing': ['createMockTray'],
    '@traykit/testing/node': ['listen'],
  })
  const redis = await startRedis()
  const connections = []
  const connect = () => {
    const connection = new Redis(redis.url)
    connections.push(connection)
    return connection
  }
  let served
  try {
    const { createMockTray, listen } = await import(pathToFileURL(mockBundle.file).href)
    const mock = createMockTray({ limits: { ...TRAY, maxConcurrentCalls: CALL_SLOTS } })
    let inFlight = 0
    let mostInFlight = 0
    mock.handle('slack', 'send_message', async () => {
      inFlight += 1
      mostInFlight = Math.max(mostInFlight, inFlight)
      await new Promise((resolve) => setTimeout(resolve, CALL_HOLD_MS))
      inFlight -= 1
      return { ok: true }
    })
    served = await listen(mock)

    // First, on a mock of its own without limits: what the shared limiter adds to one read.
    const quiet = await listen(createMockTray())
    const latency = await readLatency(core, createRedisLimiter, connect, quiet.url).finally(() =>
      quiet.close(),
    )

    const clients = Array.from({ length: CLIENTS }, (_, i) =>
      core.createTrayClient({
        token: 'mock',
        baseUrl: served.url,
        cache: false,
        maxRetries: 0,
        limiter: createRedisLimiter({ redis: connect(), key: 'tray:bench', limits: FLEET_LIMITS }),
        userAgent: `bench-${i}`,
      }),
    )
    const message = { operation: 'send_message', input: { channel: 'C1', text: 'hi' } }
    const until = performance.now() + SECONDS * 1000
    let failures = 0
    // Four lanes of back-to-back reads per client: demand far beyond 30/s, bounded in time.
    const lane = async (tray) => {
      while (performance.now() < until) await tray.listConnectors().catch(() => failures++)
    }
    await Promise.all(
      clients.flatMap((tray) => [
        lane(tray),
        lane(tray),
        lane(tray),
        lane(tray),
        ...Array.from({ length: CALLS_PER_CLIENT }, () =>
          tray.callConnector('slack', '9.1', message, { validate: false }).catch(() => failures++),
        ),
      ]),
    )
    const reads = mock.calls
      .filter((r) => r.route === 'connectors' && r.status === 200)
      .map((r) => r.time)
      .sort((a, b) => a - b)
    const tooMany = mock.calls.filter((r) => r.status === 429).length
    // From the first read Tray saw to the last: what its bucket (full at the start) allows.
    const elapsedS = (reads.at(-1) - reads[0]) / 1000
    const allowed = TRAY.burst + TRAY.requestsPerSecond * elapsedS

    const figure = (name, unit, value, baseline, more) => ({
      name: `limits: ${name}`,
      unit,
      value: Math.round(value * 100) / 100,
      baseline: { ...baseline, value: Math.round(baseline.value * 100) / 100 },
      higherIsBetter: false,
      ...more,
    })
    return [
      figure(
        `upstream reads/s past the burst, ${CLIENTS} clients on one Redis`,
        'req/s',
        (reads.length - TRAY.burst) / elapsedS,
        { name: "Tray's rate", value: TRAY.requestsPerSecond },
        { target: '<= 1' },
      ),
      figure(
        'largest burst (requests beyond the rate, any interval)',
        'requests',
        largestBurst(reads, TRAY.requestsPerSecond),
        { name: "Tray's burst", value: TRAY.burst },
        { target: '<= 1' },
      ),
      figure(
        'most calls at once',
        'calls',
        mostInFlight,
        { name: 'the account slots (Tray: 1000, scaled)', value: CALL_SLOTS },
        { target: '<= 1' },
      ),
      figure(
        `429 answers (and failed requests: ${failures})`,
        'requests',
        tooMany,
        { name: 'requests answered', value: mock.calls.length },
        { target: '<= 0' },
      ),
      figure(
        'reads served',
        'requests',
        reads.length,
        { name: `what Tray allows in ${elapsedS.toFixed(1)} s`, value: allowed },
        { higherIsBetter: true, target: '>= 0.95' },
      ),
      figure(
        'read latency, p50, Redis limiter',
        'ms',
        latency.redis,
        { name: 'the in-process limiter', value: latency.memory },
        {},
      ),
    ]
  } finally {
    for (const connection of connections) connection.disconnect()
    await served?.close()
    await redis.stop()
    await mockBundle.remove()
  }
}

/**
 * The most requests beyond the rate in any interval: for requests i..j, their count less what
 * the rate refills between the first and the last. A token bucket of burst B keeps it <= B.
 */
function largestBurst(times, perSecond) {
  let most = 0
  for (let i = 0; i < times.length; i++) {
    for (let j = i; j < times.length; j++) {
      most = Math.max(most, j - i + 1 - ((times[j] - times[i]) / 1000) * perSecond)
    }
  }
  return most
}

/** A lone client's read, p50, on each limiter with room to spare (no wait: only its cost). */
async function readLatency(core, createRedisLimiter, connect, baseUrl) {
  const roomy = { requestsPerSecond: 1e6, burst: 1e6 }
  const client = (limiter) =>
    core.createTrayClient({ token: 'mock', baseUrl, cache: false, limiter })
  const sides = {
    memory: { tray: client(core.createMemoryLimiter(roomy)), took: [] },
    redis: {
      tray: client(
        createRedisLimiter({ redis: connect(), key: 'tray:bench-latency', limits: roomy }),
      ),
      took: [],
    },
  }
  // Alternating rounds, so warm-up and garbage collection fall on both alike.
  for (let round = 0; round < 6; round++) {
    for (const side of round % 2 ? [sides.redis, sides.memory] : [sides.memory, sides.redis]) {
      for (let i = 0; i < LATENCY_READS / 6; i++) {
        const start = performance.now()
        await side.tray.listConnectors()
        side.took.push(performance.now() - start)
      }
    }
  }
  return { memory: median(sides.memory.took), redis: median(sides.redis.took) }
}
