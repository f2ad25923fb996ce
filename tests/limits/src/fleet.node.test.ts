import { createMockTray, type MockTray } from '@traykit/testing'
import { type ListeningMockTray, listen } from '@traykit/testing/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorker } from './__fixtures__/fleet'
import { type RunningRedis, startRedis } from './redis-server.mjs'

// Tray's rules, scaled down so a test runs in seconds: a bucket of 10 refilled at 20/s, and
// 3 calls at once. The fleet keeps a burst of 8 and a rate of 18/s: the margin absorbs the time
// between a grant and the request's arrival at the server, whose own bucket decides the 429s,
// even when a loaded machine stalls a process for a few hundred milliseconds.
const SERVER = { requestsPerSecond: 20, burst: 10, maxConcurrentCalls: 3 }
const FLEET = { ...SERVER, requestsPerSecond: 18, burst: 8, maxQueue: 1_000 }
const PROCESSES = 3

let redis: RunningRedis
let mock: MockTray
let served: ListeningMockTray
let inFlight = 0
let mostInFlight = 0

beforeAll(async () => {
  redis = await startRedis()
  mock = createMockTray({ limits: SERVER })
  mock.handle('slack', 'send_message', async () => {
    inFlight += 1
    mostInFlight = Math.max(mostInFlight, inFlight)
    await new Promise((resolve) => setTimeout(resolve, 40))
    inFlight -= 1
    return { ok: true }
  })
  served = await listen(mock)
})
afterAll(async () => {
  await served?.close()
  await redis?.stop()
})

describe('a fleet of processes on one Redis', () => {
  it("keeps to one account's limits under several times the load: no 429, every request served", async () => {
    // Each process alone asks for more than the whole account allows: 30 reads back to back
    // (as fast as it is let: unbounded demand) and 12 calls at once (3 slots).
    const job = {
      redisUrl: redis.url,
      mockUrl: served.url,
      key: 'tray:fleet',
      limits: FLEET,
      reads: 30,
      calls: 12,
      timeout: 30_000,
    }
    const workers = await Promise.all(Array.from({ length: PROCESSES }, () => startWorker(job)))
    const reports = await Promise.all(workers.map((w) => w.report))

    expect(reports.flatMap((r) => r.failures)).toEqual([])
    expect(reports.map((r) => r.ok)).toEqual([42, 42, 42])
    const answered = mock.calls
    expect(answered.filter((r) => r.status === 429)).toEqual([])
    expect(answered).toHaveLength(PROCESSES * 42)
    expect(mock.tasks).toBe(PROCESSES * 12)
    expect(mostInFlight).toBeLessThanOrEqual(SERVER.maxConcurrentCalls)
    // The slots were used, not merely never exceeded.
    expect(mostInFlight).toBe(SERVER.maxConcurrentCalls)
  })
})
