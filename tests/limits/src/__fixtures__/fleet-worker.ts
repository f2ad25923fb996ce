// One process of a fleet: a Tray client on the shared Redis limiter, sending what the parent
// asks at once (reads and calls), then printing one JSON line of what came back.
import { createTrayClient, type RateLimits } from '@traykit/core'
import { createRedisLimiter } from '@traykit/core/redis'
import { Redis } from 'ioredis'

/** What the parent passes in TRAYKIT_FLEET (JSON). */
export interface FleetJob {
  redisUrl: string
  mockUrl: string
  key: string
  limits: Partial<RateLimits>
  reads: number
  calls: number
  /** Ms per attempt; the lease is 2 × this + 5 s. */
  timeout: number
}

/** What the worker prints. */
export interface FleetReport {
  ok: number
  failures: string[]
}

const job = JSON.parse(process.env.TRAYKIT_FLEET ?? '{}') as FleetJob
const redis = new Redis(job.redisUrl)
const tray = createTrayClient({
  token: 'mock',
  baseUrl: job.mockUrl,
  cache: false,
  // A 429 must show, not be retried away.
  maxRetries: 0,
  timeout: job.timeout,
  // A loaded CI machine can stall a process for longer than the default 500 ms store timeout:
  // this test is about one shared budget, and a slow store has tests of its own.
  limiter: createRedisLimiter({ redis, key: job.key, limits: job.limits, storeTimeoutMs: 10_000 }),
})
const message = { operation: 'send_message', input: { channel: 'C1', text: 'hi' } }
const report: FleetReport = { ok: 0, failures: [] }
const track = (request: Promise<unknown>) =>
  request.then(
    () => {
      report.ok += 1
    },
    (error: unknown) => {
      report.failures.push(String(error))
    },
  )
/** Reads one after the other: the client shares identical reads in flight, so they never overlap. */
async function reads() {
  for (let i = 0; i < job.reads; i++) await track(tray.listConnectors())
}
// Tells the parent that the requests are going out (the fault test kills us after that).
process.stdout.write('started\n')
await Promise.all([
  reads(),
  ...Array.from({ length: job.calls }, () =>
    track(tray.callConnector('slack', '9.1', message, { validate: false })),
  ),
])
process.stdout.write(`${JSON.stringify(report)}\n`)
redis.disconnect()
