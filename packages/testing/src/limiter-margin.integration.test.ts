import {
  createMemoryLimiter,
  createTrayClient,
  DEFAULT_CLIENT_LIMITS,
  type Limiter,
} from '@traykit/core'
import { describe, expect, it } from 'vitest'
import { createMockTray } from './index'

// Clients that share one limiter keep to Tray's limits together, but a request reaches Tray a
// moment after its grant: while a fleet's first requests open their connections, Tray's bucket
// sits full and idle and loses the refill that the limiter's bucket counted meanwhile. When the
// requests then arrive together, a limiter with Tray's very burst has granted more than Tray's
// bucket holds, and Tray answers 429. The default keeps a margin on the burst for that.
//
// The test makes that moment exact instead of timed: every request is held until the limiter
// has granted its burst and 3 more (100 ms of refill at 30/s), then all go at once.

const TOKEN = 'master-token-margin'
/** Sixty clients reading back to back: several times what Tray allows, and more requests in
 * flight than the burst. (A client's concurrent reads of one list share one request, so each
 * client reads in one lane.) */
const CLIENTS = 60
const READS = 2
/** Granted requests beyond the burst that are held back with it. */
const HELD_REFILL = 3

async function fullLoad(
  limiter: Limiter,
  burst: number,
): Promise<{ served: number; refused: number }> {
  const mock = createMockTray({ tokens: [TOKEN], limits: true })
  let sent = 0
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  const jittery: typeof fetch = async (input, init) => {
    sent += 1
    if (sent >= burst + HELD_REFILL) open()
    await opened
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
    const { served, refused } = await fullLoad(createMemoryLimiter(), DEFAULT_CLIENT_LIMITS.burst)
    expect(refused).toBe(0)
    expect(served).toBe(CLIENTS * READS)
  })

  it("lets a limiter with Tray's very burst provoke 429s", async () => {
    const { served, refused } = await fullLoad(createMemoryLimiter({ burst: 50 }), 50)
    expect(refused).toBeGreaterThan(0)
    // Each refused read was retried, so every read got its answer in the end.
    expect(served).toBe(CLIENTS * READS)
  })
})
