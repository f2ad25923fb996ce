import { describe, expect, it } from 'vitest'
import { AUTH_ID, scriptedFetch, TOKEN } from '../client/__fixtures__/scripted-fetch'
import { createMemoryLimiter } from '../client/rate-limiter'
import { TrayError } from '../errors/tray-error'
import { TrayTimeoutError } from '../errors/tray-transport-errors'
// The root client: these tests go through its (deprecated) admin methods too.
import { createTrayClient } from '../index'
import type { Limiter, LimiterCallOptions, LimiterLease } from './limiter'
import { LimiterWaitTimeout } from './limiter'

const ENVIRONMENTS = { status: 200, body: { elements: [] } }
const CALL_OK = { status: 200, body: { outcome: 'success', output: {} } }
const call = { operation: 'send_message', input: {}, authId: AUTH_ID }

/** A limiter that records what the client asks of it. */
function recordingLimiter(inner: Limiter = createMemoryLimiter()) {
  const events: string[] = []
  const leases: LimiterCallOptions[] = []
  const limiter: Limiter = {
    async acquireRequest(options) {
      events.push('request')
      return inner.acquireRequest(options)
    },
    async acquireCall(options) {
      events.push('call')
      leases.push(options)
      const lease = await inner.acquireCall(options)
      return {
        release: () => {
          events.push('release')
          return lease.release()
        },
      }
    },
  }
  return { limiter, events, leases }
}

describe('the limiter option', () => {
  it('one limiter shared by two clients holds them to one budget', async () => {
    const shared = createMemoryLimiter({ requestsPerSecond: 1, burst: 2, maxQueue: 0 })
    const server = scriptedFetch(ENVIRONMENTS)
    const a = createTrayClient({ token: TOKEN, fetch: server.fetch, cache: false, limiter: shared })
    const b = createTrayClient({ token: TOKEN, fetch: server.fetch, cache: false, limiter: shared })
    await a.listServiceEnvironments('slack', 1)
    await b.listServiceEnvironments('slack', 2)
    // The burst of 2 is spent between them; with no queue, the third read is refused unsent.
    await expect(a.listServiceEnvironments('slack', 3)).rejects.toMatchObject({
      name: 'TrayOverloadedError',
    })
    expect(server.requests).toHaveLength(2)
  })

  it('asks for a request token per read, and for a leased slot per call, released after it', async () => {
    const { limiter, events, leases } = recordingLimiter()
    const server = scriptedFetch(CALL_OK)
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch, timeout: 1000, limiter })
    await tray.callConnector('slack', '9.1', call, { validate: false })
    expect(events).toEqual(['call', 'release'])
    // The lease outlives the attempt's timeout, so a slow call keeps its slot to the end.
    expect(leases[0]?.leaseMs).toBeGreaterThan(1000)
  })

  it('releases the slot once when the call fails, and the failure of a release stays quiet', async () => {
    let releases = 0
    const limiter: Limiter = {
      acquireRequest: async () => {},
      acquireCall: async (): Promise<LimiterLease> => ({
        release: () => {
          releases++
          return Promise.reject(new Error('store down'))
        },
      }),
    }
    const server = scriptedFetch({ status: 500, body: { message: 'boom' } })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch, limiter })
    await expect(
      tray.callConnector('slack', '9.1', call, { validate: false }),
    ).rejects.toMatchObject({ status: 500 })
    expect(releases).toBe(1)
  })

  it('a store that cannot grant in time is a timeout, and the call is not sent', async () => {
    const limiter: Limiter = {
      acquireRequest: async () => {},
      acquireCall: () => Promise.reject(new LimiterWaitTimeout()),
    }
    const server = scriptedFetch(CALL_OK)
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch, limiter })
    const error = await tray
      .callConnector('slack', '9.1', call, { validate: false })
      .catch((e) => e)
    expect(error).toBeInstanceOf(TrayTimeoutError)
    expect(error.message).toMatch(/NOT sent/)
    expect(server.requests).toHaveLength(0)
  })

  it('refuses limiter and limits together, and a limiter that is not one', () => {
    const limiter = createMemoryLimiter()
    expect(() => createTrayClient({ token: TOKEN, limiter, limits: { burst: 5 } })).toThrow(
      /either limiter or limits/,
    )
    expect(() => createTrayClient({ token: TOKEN, limiter: {} as unknown as Limiter })).toThrow(
      TrayError,
    )
    expect(() => createTrayClient({ token: TOKEN, limitter: limiter } as never)).toThrow(
      /did you mean "limiter"/,
    )
  })
})
