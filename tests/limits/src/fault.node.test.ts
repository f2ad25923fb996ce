import { createTrayClient } from '@traykit/core'
import { createRedisLimiter } from '@traykit/core/redis'
import { createMockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import { Redis } from 'ioredis'
import { expect, it } from 'vitest'
import { startWorker } from './__fixtures__/fleet'
import { startRedis } from './redis-server.mjs'

const LIMITS = { maxConcurrentCalls: 1 }
const KEY = 'tray:fault'

it('gives the slot of a process killed mid-call back once its lease runs out', async () => {
  const server = await startRedis()
  const mock = createMockTray({ limits: LIMITS })
  let holding = () => {}
  const held = new Promise<void>((resolve) => {
    holding = resolve
  })
  let calls = 0
  mock.handle('slack', 'send_message', async (_input, { request }) => {
    calls += 1
    if (calls === 1) {
      // The first call hangs until its caller is gone.
      holding()
      await new Promise((resolve) => request.signal.addEventListener('abort', resolve))
    }
    return { ok: true }
  })
  const served = await listen(mock)
  const redis = new Redis(server.url)
  try {
    // A 3 s attempt timeout gives an 11 s lease (2 × timeout + 5 s): the kill comes long before
    // the worker's own timeout could release the slot.
    const worker = await startWorker({
      redisUrl: server.url,
      mockUrl: served.url,
      key: KEY,
      limits: LIMITS,
      reads: 0,
      calls: 1,
      timeout: 3_000,
    })
    await held
    worker.child.kill('SIGKILL')
    await expect(worker.report).rejects.toThrow(/SIGKILL/)
    // The dead worker's lease is still there: nobody released it.
    const [leaseId, expiresAt] = await redis.zrange(`${KEY}:calls`, '0', '-1', 'WITHSCORES')
    expect(leaseId).toBeDefined()

    const tray = createTrayClient({
      token: 'mock',
      baseUrl: served.url,
      timeout: 30_000,
      limiter: createRedisLimiter({ redis, key: KEY, limits: LIMITS }),
    })
    const message = { operation: 'send_message', input: { channel: 'C1', text: 'hi' } }
    await expect(
      tray.callConnector('slack', '9.1', message, { validate: false }),
    ).resolves.toMatchObject({ ok: true })
    // It ran once the lease was over (Redis's clock, the one the leases are on), never beside it.
    const [seconds, micros] = (await redis.time()) as [number | string, number | string]
    expect(Number(seconds) * 1000 + Number(micros) / 1000).toBeGreaterThanOrEqual(Number(expiresAt))
    expect(mock.calls.filter((r) => r.status === 429)).toEqual([])
    expect(mock.tasks).toBe(2)
  } finally {
    redis.disconnect()
    await served.close()
    await server.stop()
  }
  // An 11 s lease to wait out, plus a child process to start on a loaded CI machine: the
  // bound only catches a hang.
}, 120_000)
