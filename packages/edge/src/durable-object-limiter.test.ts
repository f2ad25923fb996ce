import { LimiterWaitTimeout, TrayOverloadedError } from '@traykit/core'
import type { Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { CALL_PATH, SEND_MESSAGE, setup, upstreamCount } from './__fixtures__/setup'
import { type DurableObjectNamespaceLike, durableObjectLimiter } from './durable-object-limiter'
import { createTrayHandler } from './index'
import { type DurableObjectStorageLike, TrayLimiter } from './tray-limiter'

/** A namespace binding as one isolate sees it, in front of one object (down: unreachable). */
function binding(object: TrayLimiter, state = { down: false }): DurableObjectNamespaceLike {
  return {
    idFromName: (name) => name,
    get: () => ({
      fetch: (request) =>
        state.down ? Promise.reject(new Error('object unreachable')) : object.fetch(request),
    }),
  }
}

/** Two isolates' limiters on one object. */
function twoIsolates(limits: Parameters<typeof durableObjectLimiter>[1] = {}) {
  const object = new TrayLimiter({})
  return {
    a: durableObjectLimiter(binding(object), limits),
    b: durableObjectLimiter(binding(object), limits),
  }
}

describe('durableObjectLimiter on TrayLimiter', () => {
  it('shares one burst between isolates, then makes them wait for the rate', async () => {
    const { a, b } = twoIsolates({ limits: { burst: 2, requestsPerSecond: 0.5 } })
    await a.acquireRequest({})
    await b.acquireRequest({})
    await expect(a.acquireRequest({ timeoutMs: 0 })).rejects.toBeInstanceOf(LimiterWaitTimeout)
  })

  it('shares the call slots; a released slot goes to the isolate waiting for one', async () => {
    const { a, b } = twoIsolates({ limits: { maxConcurrentCalls: 1 } })
    const held = await a.acquireCall({ leaseMs: 60_000 })
    await expect(b.acquireCall({ leaseMs: 60_000, timeoutMs: 0 })).rejects.toBeInstanceOf(
      LimiterWaitTimeout,
    )
    const waiting = b.acquireCall({ leaseMs: 60_000, timeoutMs: 30_000 })
    await held.release()
    await expect(waiting).resolves.toHaveProperty('release')
  })

  it('gives a slot back once its lease runs out, when its isolate never releases it', async () => {
    const { a, b } = twoIsolates({ limits: { maxConcurrentCalls: 1 } })
    await a.acquireCall({ leaseMs: 200 })
    await expect(b.acquireCall({ leaseMs: 60_000, timeoutMs: 30_000 })).resolves.toHaveProperty(
      'release',
    )
  })

  it('keeps leases in storage, so a restarted object still counts the calls in flight', async () => {
    const stored = new Map<string, unknown>()
    const storage: DurableObjectStorageLike = {
      put: async (key, value) => void stored.set(key, value),
      delete: async (key) => stored.delete(key),
      list: async ({ prefix }) => new Map([...stored].filter(([key]) => key.startsWith(prefix))),
    }
    const limits = { limits: { maxConcurrentCalls: 1 } }
    await durableObjectLimiter(binding(new TrayLimiter({ storage })), limits).acquireCall({
      leaseMs: 60_000,
    })
    const restarted = durableObjectLimiter(binding(new TrayLimiter({ storage })), limits)
    await expect(restarted.acquireCall({ leaseMs: 60_000, timeoutMs: 0 })).rejects.toBeInstanceOf(
      LimiterWaitTimeout,
    )
  })

  it('takes a waiter that left (its signal aborted) out of the queue, so no slot goes to it', async () => {
    const { a, b } = twoIsolates({ limits: { maxConcurrentCalls: 1 } })
    const held = await a.acquireCall({ leaseMs: 60_000 })
    const controller = new AbortController()
    const waiting = b.acquireCall({ leaseMs: 60_000, signal: controller.signal })
    controller.abort(new Error('caller left'))
    await expect(waiting).rejects.toThrow('caller left')
    await held.release()
    await expect(a.acquireCall({ leaseMs: 60_000, timeoutMs: 0 })).resolves.toHaveProperty(
      'release',
    )
  })

  it('refuses at once past maxQueue waiters', async () => {
    const { a, b } = twoIsolates({ limits: { maxConcurrentCalls: 1, maxQueue: 1 } })
    await a.acquireCall({ leaseMs: 60_000 })
    void b.acquireCall({ leaseMs: 60_000, timeoutMs: 30_000 }).catch(() => {})
    await expect(a.acquireCall({ leaseMs: 60_000 })).rejects.toBeInstanceOf(TrayOverloadedError)
  })

  it('is one limiter per binding and options, so per-request use keeps one client', () => {
    const object = new TrayLimiter({})
    const namespace = binding(object)
    expect(durableObjectLimiter(namespace)).toBe(durableObjectLimiter(namespace))
    expect(durableObjectLimiter(namespace, { name: 'other' })).not.toBe(
      durableObjectLimiter(namespace),
    )
  })
})

describe('durableObjectLimiter when the object is down', () => {
  const down = () => binding(new TrayLimiter({}), { down: true })

  it("refuses calls, and keeps reads going on the isolate's own limits (reads: 'local')", async () => {
    const failures: unknown[] = []
    const limiter = durableObjectLimiter(down(), { onUnavailable: (e) => failures.push(e) })
    await expect(limiter.acquireCall({ leaseMs: 60_000 })).rejects.toMatchObject({
      name: 'TrayOverloadedError',
      retryAfterMs: 1000,
    })
    await expect(limiter.acquireRequest({})).resolves.toBeUndefined()
    expect(failures[0]).toMatchObject({ message: 'object unreachable' })
  })

  it("refuses reads too with reads: 'fail-closed'", async () => {
    const limiter = durableObjectLimiter(down(), { reads: 'fail-closed' })
    await expect(limiter.acquireRequest({})).rejects.toBeInstanceOf(TrayOverloadedError)
  })

  it('makes the handler answer 503 with Retry-After to a call, and nothing reaches Tray', async () => {
    type WorkerEnv = { Bindings: { TRAY_LIMITER: DurableObjectNamespaceLike } }
    const { mock, request } = setup<WorkerEnv>({
      limiter: (c: Context<WorkerEnv>) => durableObjectLimiter(c.env.TRAY_LIMITER),
    })
    const response = await request(
      CALL_PATH,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(SEND_MESSAGE),
      },
      { TRAY_LIMITER: down() },
    )
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('1')
    expect(await response.json()).toMatchObject({ code: 'overloaded' })
    expect(upstreamCount(mock, 'call')).toBe(0)
    expect(mock.tasks).toBe(0)
  })
})

describe('the handler limiter option', () => {
  it('passes a shared limiter to the upstream clients', async () => {
    const object = new TrayLimiter({})
    const limiter = durableObjectLimiter(binding(object), { limits: { maxConcurrentCalls: 1 } })
    const held = await limiter.acquireCall({ leaseMs: 60_000 })
    const { mock, call } = setup({ limiter, timeout: 200 })
    // The only slot is taken elsewhere: the call waits its timeout out, unsent.
    expect((await call(SEND_MESSAGE)).status).toBe(504)
    await held.release()
    expect((await call(SEND_MESSAGE)).status).toBe(200)
    expect(mock.tasks).toBe(1)
  })

  it.each([
    [{ limiter: 'redis' }, /limiter must be a Limiter or a function/],
    [{ limiter: () => undefined, limits: { burst: 1 } }, /either limiter or limits/],
    [{ limiter: {} }, /limiter must be a Limiter/],
  ])('refuses %o', (bad, message) => {
    expect(() =>
      createTrayHandler({ token: 't', public: true, ...(bad as object) } as never),
    ).toThrow(message)
  })
})
