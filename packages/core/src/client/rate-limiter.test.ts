import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { scriptedFetch, TOKEN } from './__fixtures__/scripted-fetch'
import { createTrayClient } from './create-tray-client'
import { RateLimiter, TRAY_RATE_LIMITS } from './rate-limiter'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('RateLimiter', () => {
  it('lets a burst through at once, then paces to the sustained rate', async () => {
    const limiter = new RateLimiter(TRAY_RATE_LIMITS)
    let granted = 0
    for (let i = 0; i < 80; i++) void limiter.acquireRequest().then(() => granted++)
    await vi.advanceTimersByTimeAsync(0)
    expect(granted).toBe(50)
    await vi.advanceTimersByTimeAsync(500)
    // 30 per second: 15 more after half a second.
    expect(granted).toBe(65)
    await vi.advanceTimersByTimeAsync(500)
    expect(granted).toBe(80)
  })

  it('never lets more calls run at once than the concurrency limit', async () => {
    const limiter = new RateLimiter({ ...TRAY_RATE_LIMITS, maxConcurrentCalls: 3 })
    const releases: Array<() => void> = []
    for (let i = 0; i < 5; i++) void limiter.acquireCall().then((release) => releases.push(release))
    await vi.advanceTimersByTimeAsync(0)
    expect(releases).toHaveLength(3)
    releases[0]?.()
    releases[0]?.() // releasing twice frees one slot only
    await vi.advanceTimersByTimeAsync(0)
    expect(releases).toHaveLength(4)
  })

  it('drops an aborted waiter from the queue', async () => {
    const limiter = new RateLimiter({ ...TRAY_RATE_LIMITS, maxConcurrentCalls: 1 })
    const first = await limiter.acquireCall()
    const controller = new AbortController()
    const waiting = limiter.acquireCall(controller.signal)
    controller.abort()
    await expect(waiting).rejects.toBeDefined()
    first()
    const next = await limiter.acquireCall()
    expect(typeof next).toBe('function')
  })

  it('refuses limits that could never grant', () => {
    expect(() => new RateLimiter({ ...TRAY_RATE_LIMITS, requestsPerSecond: 0 })).toThrow(RangeError)
  })
})

describe('the client limiter', () => {
  it('keeps bulk reads to the configured rate', async () => {
    const server = scriptedFetch({ status: 200, body: { elements: [] } })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: false,
      limits: { requestsPerSecond: 10, burst: 5 },
    })
    const all = Promise.all(
      Array.from({ length: 15 }, (_, i) => tray.listServiceEnvironments('slack', i)),
    )
    await vi.advanceTimersByTimeAsync(0)
    expect(server.requests).toHaveLength(5)
    await vi.advanceTimersByTimeAsync(1000)
    expect(server.requests).toHaveLength(15)
    await all
  })

  it('limits: false sends everything at once', async () => {
    const server = scriptedFetch({ status: 200, body: { elements: [] } })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: false,
      limits: false,
    })
    const all = Promise.all(
      Array.from({ length: 100 }, (_, i) => tray.listServiceEnvironments('slack', i)),
    )
    await vi.advanceTimersByTimeAsync(0)
    expect(server.requests).toHaveLength(100)
    await all
  })
})
