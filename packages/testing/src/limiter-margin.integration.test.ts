import {
  createMemoryLimiter,
  createTrayClient,
  DEFAULT_CLIENT_LIMITS,
  type Limiter,
} from '@traykit/core'
import { describe, expect, it } from 'vitest'
import { createMockTray } from './index'

// Clients that share one limiter keep to Tray's limits together, but a request reaches Tray a
// moment after its grant, and not at the pace of the grants: the first requests of a fleet open
// their connections while the later ones reuse them. Tray's bucket, full and idle meanwhile,
// loses the refill that the limiter's bucket counted, so a limiter with Tray's very burst makes
// Tray answer 429. The default keeps a margin on the burst for that jitter.

const TOKEN = 'master-token-margin'
/** Eight clients reading back to back: several times what Tray allows. (A client's concurrent
 * reads of one list share one request, so each client reads in one lane.) */
const CLIENTS = 8
const READS = 10
/** The first requests wait this long before they reach the mock: connections being opened. */
const SLOW_START = { requests: 50, ms: 100 }

async function fullLoad(limiter: Limiter): Promise<{ served: number; refused: number }> {
  const mock = createMockTray({ tokens: [TOKEN], limits: true })
  let sent = 0
  const jittery: typeof fetch = async (input, init) => {
    sent += 1
    if (sent <= SLOW_START.requests) {
      await new Promise((resolve) => setTimeout(resolve, SLOW_START.ms))
    }
    return mock.fetch(input, init)
  }
  const clients = Array.from({ length: CLIENTS }, () =>
    createTrayClient({
      baseUrl: 'http://tray.test',
      token: TOKEN,
      fetch: jittery,
      limiter,
      cache: false,
    }),
  )
  await Promise.all(
    clients.map(async (tray) => {
      for (let i = 0; i < READS; i++) await tray.listConnectors()
    }),
  )
  const statuses = mock.calls.filter((c) => c.route === 'connectors').map((c) => c.status)
  return {
    served: statuses.filter((s) => s === 200).length,
    refused: statuses.filter((s) => s === 429).length,
  }
}

describe('the default burst margin, clients sharing one limiter at full load', () => {
  it('keeps the default limiter below the mock: no 429', async () => {
    expect(DEFAULT_CLIENT_LIMITS.burst).toBeLessThan(50)
    const { served, refused } = await fullLoad(createMemoryLimiter())
    expect(refused).toBe(0)
    expect(served).toBe(CLIENTS * READS)
  })

  it("lets a limiter with Tray's very burst provoke 429s", async () => {
    const { served, refused } = await fullLoad(createMemoryLimiter({ burst: 50 }))
    expect(refused).toBeGreaterThan(0)
    // Each refused read was retried, so every read got its answer in the end.
    expect(served).toBe(CLIENTS * READS)
  })
})
