import {
  createTrayClient,
  type Limiter,
  LimiterWaitTimeout,
  TrayOverloadedError,
} from '@traykit/core'
import { createRedisLimiter, type RedisLimiterOptions } from '@traykit/core/redis'
import { createMockTray } from '@traykit/testing'
import { Redis } from 'ioredis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningRedis, startRedis } from './redis-server.mjs'

let server: RunningRedis
beforeAll(async () => {
  server = await startRedis()
})
afterAll(() => server?.stop())

let keys = 0
/** A fresh account key per test, so tests share one server and nothing else. */
const freshKey = () => `tray:test-${process.pid}-${++keys}`

type Connect = () => Promise<{ redis: RedisLimiterOptions['redis']; close(): Promise<void> }>
const clients: Array<[string, (url: string) => ReturnType<Connect>]> = [
  [
    'ioredis',
    async (url) => {
      const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true })
      await redis.connect()
      return { redis, close: async () => void redis.disconnect() }
    },
  ],
  [
    'node-redis',
    async (url) => {
      const redis = createClient({ url })
      redis.on('error', () => {})
      await redis.connect()
      return { redis, close: async () => void redis.destroy() }
    },
  ],
]

describe.each(clients)('createRedisLimiter with %s', (_, connect) => {
  /** Two limiters on two connections with one key: two processes of one account. */
  async function twoProcesses(limits: RedisLimiterOptions['limits']) {
    const key = freshKey()
    const a = await connect(server.url)
    const b = await connect(server.url)
    return {
      a: createRedisLimiter({ redis: a.redis, key, limits }),
      b: createRedisLimiter({ redis: b.redis, key, limits }),
      close: () => Promise.all([a.close(), b.close()]),
    }
  }

  it('shares one burst between processes, then makes them wait for the rate', async () => {
    const { a, b, close } = await twoProcesses({ requestsPerSecond: 0.5, burst: 3 })
    try {
      await a.acquireRequest({})
      await b.acquireRequest({})
      await a.acquireRequest({})
      // The burst of 3 is spent between them: the next token is 2 s away.
      await expect(b.acquireRequest({ timeoutMs: 0 })).rejects.toBeInstanceOf(LimiterWaitTimeout)
      await expect(a.acquireRequest({ timeoutMs: 0 })).rejects.toBeInstanceOf(LimiterWaitTimeout)
    } finally {
      await close()
    }
  })

  it('shares the call slots, and a released slot goes to a process waiting for one', async () => {
    const { a, b, close } = await twoProcesses({ maxConcurrentCalls: 2 })
    try {
      const first = await a.acquireCall({ leaseMs: 60_000 })
      await a.acquireCall({ leaseMs: 60_000 })
      await expect(b.acquireCall({ leaseMs: 60_000, timeoutMs: 0 })).rejects.toBeInstanceOf(
        LimiterWaitTimeout,
      )
      const waiting = b.acquireCall({ leaseMs: 60_000, timeoutMs: 30_000 })
      await first.release()
      await expect(waiting).resolves.toHaveProperty('release')
    } finally {
      await close()
    }
  })

  it('gives a slot back once its lease runs out, when its holder never releases it', async () => {
    const { a, b, close } = await twoProcesses({ maxConcurrentCalls: 1 })
    try {
      await a.acquireCall({ leaseMs: 300 })
      // Never released (its holder died): the waiter gets it once the lease is over.
      await expect(b.acquireCall({ leaseMs: 60_000, timeoutMs: 30_000 })).resolves.toHaveProperty(
        'release',
      )
    } finally {
      await close()
    }
  })

  it('leaves the wait when the signal aborts, and the slot it would have had stays free', async () => {
    const { a, b, close } = await twoProcesses({ maxConcurrentCalls: 1 })
    try {
      const held = await a.acquireCall({ leaseMs: 60_000 })
      const controller = new AbortController()
      const waiting = b.acquireCall({ leaseMs: 60_000, signal: controller.signal })
      controller.abort(new Error('caller left'))
      await expect(waiting).rejects.toThrow('caller left')
      await held.release()
      await expect(a.acquireCall({ leaseMs: 60_000, timeoutMs: 0 })).resolves.toHaveProperty(
        'release',
      )
    } finally {
      await close()
    }
  })

  it('refuses at once past maxQueue waiters in one process, nothing taken', async () => {
    const { a, close } = await twoProcesses({ maxConcurrentCalls: 1, maxQueue: 1 })
    try {
      const held = await a.acquireCall({ leaseMs: 60_000 })
      const head = a.acquireCall({ leaseMs: 60_000, timeoutMs: 30_000 })
      const queued = a.acquireCall({ leaseMs: 60_000, timeoutMs: 30_000 })
      const refused = a.acquireCall({ leaseMs: 60_000 })
      await expect(refused).rejects.toBeInstanceOf(TrayOverloadedError)
      await expect(refused).rejects.toMatchObject({ retryAfterMs: expect.any(Number) })
      await held.release()
      await (await head).release()
      await (await queued).release()
    } finally {
      await close()
    }
  })

  it('releasing twice gives one slot back', async () => {
    const { a, close } = await twoProcesses({ maxConcurrentCalls: 2 })
    try {
      const one = await a.acquireCall({ leaseMs: 60_000 })
      await a.acquireCall({ leaseMs: 60_000 })
      await one.release()
      await one.release()
      await a.acquireCall({ leaseMs: 60_000 })
      await expect(a.acquireCall({ leaseMs: 60_000, timeoutMs: 0 })).rejects.toBeInstanceOf(
        LimiterWaitTimeout,
      )
    } finally {
      await close()
    }
  })
})

describe('createRedisLimiter when Redis is down or slow', () => {
  /** A limiter on a server of its own, stopped before the test asks anything. */
  async function onStoppedRedis(options: Partial<RedisLimiterOptions> = {}) {
    const own = await startRedis()
    const redis = new Redis(own.url, { maxRetriesPerRequest: 1, lazyConnect: true })
    redis.on('error', () => {})
    await redis.connect()
    const failures: unknown[] = []
    const limiter = createRedisLimiter({
      redis,
      key: freshKey(),
      onUnavailable: (error) => failures.push(error),
      ...options,
    })
    await own.stop()
    await new Promise((resolve) => redis.once('close', resolve))
    return { limiter, failures, close: () => redis.disconnect() }
  }

  it('refuses calls (503-able TrayOverloadedError), and the mock bills nothing', async () => {
    const { limiter, failures, close } = await onStoppedRedis()
    try {
      const mock = createMockTray({ limits: true })
      const tray = createTrayClient({ token: 'mock', fetch: mock.fetch, limiter })
      const call = tray.callConnector(
        'slack',
        '9.1',
        { operation: 'send_message', input: { channel: 'C1', text: 'hi' } },
        { validate: false },
      )
      await expect(call).rejects.toBeInstanceOf(TrayOverloadedError)
      await expect(call).rejects.toMatchObject({ retryAfterMs: 1000 })
      expect(mock.calls.filter((request) => request.route === 'call')).toEqual([])
      expect(mock.tasks).toBe(0)
      expect(failures.length).toBeGreaterThan(0)
    } finally {
      close()
    }
  })

  it("keeps reads going on the process's own limits with reads: 'local'", async () => {
    const { limiter, close } = await onStoppedRedis({ limits: { burst: 2, requestsPerSecond: 1 } })
    try {
      await limiter.acquireRequest({})
      await limiter.acquireRequest({})
      // The local bucket keeps to the same limits.
      await expect(limiter.acquireRequest({ timeoutMs: 0 })).rejects.toBeInstanceOf(
        LimiterWaitTimeout,
      )
    } finally {
      close()
    }
  })

  it("refuses reads too with reads: 'fail-closed'", async () => {
    const { limiter, close } = await onStoppedRedis({ reads: 'fail-closed' })
    try {
      await expect(limiter.acquireRequest({})).rejects.toBeInstanceOf(TrayOverloadedError)
    } finally {
      close()
    }
  })

  it('counts a Redis slower than storeTimeoutMs as down, and gives back a slot it took late', async () => {
    const key = freshKey()
    const redis = new Redis(server.url)
    const admin = new Redis(server.url)
    try {
      const limiter: Limiter = createRedisLimiter({
        redis,
        key,
        storeTimeoutMs: 100,
        limits: { maxConcurrentCalls: 1 },
      })
      await limiter.acquireRequest({})
      // Every client's commands wait 1.5 s on the server.
      await admin.call('CLIENT', 'PAUSE', '1500', 'ALL')
      await expect(limiter.acquireCall({ leaseMs: 60_000 })).rejects.toBeInstanceOf(
        TrayOverloadedError,
      )
      // Once Redis answers (commands on one connection answer in order), the slot it granted
      // too late is given back: the only slot is free.
      await redis.ping()
      await expect(
        limiter.acquireCall({ leaseMs: 60_000, timeoutMs: 30_000 }),
      ).resolves.toHaveProperty('release')
    } finally {
      redis.disconnect()
      admin.disconnect()
    }
  })
})

describe('createRedisLimiter options', () => {
  const redis = { eval: () => Promise.resolve(0) }
  it.each([
    [{ key: '' }, /key must be a non-empty string/],
    [{ reads: 'open' }, /reads must be 'local' or 'fail-closed'/],
    [{ storeTimeoutMs: 0 }, /storeTimeoutMs/],
    [{ limits: { burst: 0 } }, /limits/],
  ])('refuses %j', (bad, message) => {
    expect(() =>
      createRedisLimiter({ redis, key: 'tray:a', ...(bad as Partial<RedisLimiterOptions>) }),
    ).toThrow(message)
  })

  it('refuses something that is not a Redis client', () => {
    expect(() =>
      createRedisLimiter({ redis: {} as RedisLimiterOptions['redis'], key: 'tray:a' }),
    ).toThrow(/ioredis client/)
  })
})
