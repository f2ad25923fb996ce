import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TrayOverloadedError } from '../errors/tray-overloaded-error'
import { TrayAbortError, TrayTimeoutError } from '../errors/tray-transport-errors'
// The root client: these tests go through its (deprecated) admin methods too.
import { createTrayClient } from '../index'
import { LimiterWaitTimeout } from '../limiter/limiter'
import { AUTH_ID, scriptedFetch, TOKEN } from './__fixtures__/scripted-fetch'
import { DEFAULT_CLIENT_LIMITS, RateLimiter, TRAY_RATE_LIMITS } from './rate-limiter'

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
    for (let i = 0; i < 5; i++)
      void limiter.acquireCall().then((lease) => releases.push(() => lease.release()))
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
    const waiting = limiter.acquireCall({ signal: controller.signal })
    controller.abort()
    await expect(waiting).rejects.toBeDefined()
    first.release()
    const next = await limiter.acquireCall()
    expect(typeof next.release).toBe('function')
  })

  it('refuses a request at once when its queue is full, with when to retry', async () => {
    const limiter = new RateLimiter({ ...TRAY_RATE_LIMITS, burst: 1, maxQueue: 2 })
    await limiter.acquireRequest()
    const waiting = [limiter.acquireRequest(), limiter.acquireRequest()]
    const refused = limiter.acquireRequest()
    await expect(refused).rejects.toBeInstanceOf(TrayOverloadedError)
    const error = (await refused.catch((e: unknown) => e)) as TrayOverloadedError
    // The head of the queue gets the next token within 1/30 s: then there is room again.
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(1)
    expect(error.retryAfterMs).toBeLessThanOrEqual(34)
    expect(error.message).toContain('limits.maxQueue')
    expect(error.message).toContain('nothing was sent')
    await vi.advanceTimersByTimeAsync(100)
    await Promise.all(waiting)
  })

  it('bounds the queue of calls waiting for a slot too', async () => {
    const limiter = new RateLimiter({ ...TRAY_RATE_LIMITS, maxConcurrentCalls: 1, maxQueue: 1 })
    const lease = await limiter.acquireCall()
    const waiting = limiter.acquireCall()
    await expect(limiter.acquireCall()).rejects.toBeInstanceOf(TrayOverloadedError)
    lease.release()
    expect(typeof (await waiting).release).toBe('function')
  })

  it('an aborted waiter leaves the queue at once, making room', async () => {
    const limiter = new RateLimiter({ ...TRAY_RATE_LIMITS, burst: 1, maxQueue: 1 })
    await limiter.acquireRequest()
    const controller = new AbortController()
    const aborted = limiter.acquireRequest({ signal: controller.signal })
    controller.abort()
    await expect(aborted).rejects.toBeDefined()
    // No token has come since: the room is the aborted waiter's place.
    const next = limiter.acquireRequest()
    await vi.advanceTimersByTimeAsync(100)
    await expect(next).resolves.toBeUndefined()
  })

  it('a waiter leaves the queue when its timeout runs out', async () => {
    const limiter = new RateLimiter({ ...TRAY_RATE_LIMITS, maxConcurrentCalls: 1, maxQueue: 1 })
    await limiter.acquireCall()
    const waiting = limiter.acquireCall({ timeoutMs: 500 })
    const outcome = waiting.catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(500)
    expect(await outcome).toBeInstanceOf(LimiterWaitTimeout)
    // Its place is free again.
    void limiter.acquireCall().catch(() => {})
    await expect(limiter.acquireCall()).rejects.toBeInstanceOf(TrayOverloadedError)
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

  it('refuses reads past limits.maxQueue with TrayOverloadedError, sending nothing for them', async () => {
    const server = scriptedFetch({ status: 200, body: { elements: [] } })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: false,
      limits: { requestsPerSecond: 10, burst: 1, maxQueue: 3 },
    })
    const outcomes = Array.from({ length: 10 }, (_, i) =>
      tray.listServiceEnvironments('slack', i).then(
        () => 'ok',
        (error: unknown) => error,
      ),
    )
    await vi.advanceTimersByTimeAsync(1000)
    const results = await Promise.all(outcomes)
    expect(results.filter((r) => r === 'ok')).toHaveLength(4)
    const refused = results.filter((r) => r instanceof TrayOverloadedError)
    expect(refused).toHaveLength(6)
    expect(server.requests).toHaveLength(4)
  })

  it('the default queue holds 200 waiting requests', async () => {
    expect(TRAY_RATE_LIMITS.maxQueue).toBe(200)
    const server = scriptedFetch({ status: 200, body: { elements: [] } })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch, cache: false })
    const outcomes = Array.from({ length: 300 }, (_, i) =>
      tray.listServiceEnvironments('slack', i).then(
        () => 'ok',
        (error: unknown) => error,
      ),
    )
    await vi.runAllTimersAsync()
    const results = await Promise.all(outcomes)
    // 45 at once (the default burst: Tray's 50 less the margin), 200 waiting, 55 refused.
    expect(DEFAULT_CLIENT_LIMITS.burst).toBe(45)
    expect(results.filter((r) => r instanceof TrayOverloadedError)).toHaveLength(55)
    expect(server.requests).toHaveLength(245)
  })

  it('a read waiting for a slot past its timeout is a TrayTimeoutError, never sent', async () => {
    const server = scriptedFetch({ status: 200, body: { elements: [] } })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: false,
      timeout: 1000,
      // One token every 10 s: the second read cannot get one within its timeout.
      limits: { requestsPerSecond: 0.1, burst: 1 },
    })
    await tray.listServiceEnvironments('slack', 1)
    const queued = tray.listServiceEnvironments('slack', 2).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(1000)
    const error = await queued
    expect(error).toBeInstanceOf(TrayTimeoutError)
    expect((error as Error).message).toContain('rate-limit slot')
    expect((error as Error).message).toContain('not sent')
    // Not retried either: one more wait in the same queue would double the caller's.
    await vi.advanceTimersByTimeAsync(30_000)
    expect(server.requests).toHaveLength(1)
  })

  it('the time spent waiting counts against the attempt: the rest is what the request gets', async () => {
    const server = scriptedFetch({ status: 200, body: { elements: [] } }, { stall: 'headers' })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: false,
      timeout: 1500,
      maxRetries: 0,
      limits: { requestsPerSecond: 1, burst: 1 },
    })
    await tray.listServiceEnvironments('slack', 1)
    let error: unknown
    void tray.listServiceEnvironments('slack', 2).catch((e: unknown) => {
      error = e
    })
    // A token after 1 s: sent then, and the 0.5 s left run out at 1.5 s, not at 2.5 s.
    await vi.advanceTimersByTimeAsync(1000)
    expect(server.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(499)
    expect(error).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(error).toBeInstanceOf(TrayTimeoutError)
  })

  it('a call that waits for a concurrency slot past its timeout says it was NOT sent', async () => {
    const server = scriptedFetch({ stall: 'headers' })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: false,
      timeout: 1000,
      limits: { maxConcurrentCalls: 1 },
    })
    const call = () =>
      tray
        .callConnector(
          'slack',
          '9.1',
          { operation: 'send_message', input: { text: 'hi' }, authId: AUTH_ID },
          { validate: false },
        )
        .catch((e: unknown) => e as Error)
    const first = call()
    const second = call()
    await vi.advanceTimersByTimeAsync(1000)
    const [held, queued] = await Promise.all([first, second])
    expect(held).toBeInstanceOf(TrayTimeoutError)
    expect(held?.message).toContain('may have run')
    expect(queued).toBeInstanceOf(TrayTimeoutError)
    expect(queued?.message).toContain('NOT sent')
    expect(server.requests).toHaveLength(1)
  })

  it("a caller's abort ends the wait for a slot, and frees its place", async () => {
    const server = scriptedFetch({ status: 200, body: { elements: [] } })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: false,
      limits: { requestsPerSecond: 1, burst: 1, maxQueue: 1 },
    })
    await tray.listServiceEnvironments('slack', 1)
    const controller = new AbortController()
    const aborted = tray.listServiceEnvironments('slack', 2, { signal: controller.signal })
    controller.abort()
    await expect(aborted).rejects.toBeInstanceOf(TrayAbortError)
    const next = tray.listServiceEnvironments('slack', 3)
    await vi.advanceTimersByTimeAsync(1000)
    await expect(next).resolves.toEqual([])
    expect(server.requests.map((r) => r.url.split('/').at(-2))).toEqual(['1', '3'])
  })
})
