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
// has granted its burst and 3 more (100 ms of refill at 30/s), then all go at once to a mock
// whose refill is slowed to nothing, so the count does not depend on the machine's speed.

const TOKEN = 'master-token-margin'
/** Granted requests beyond the burst that are held back with it: 100 ms of refill at 30/s. */
const HELD_REFILL = 3
/** Tray's burst, with its refill slowed to nothing, so what the held requests meet is exact. */
const MOCK_LIMITS = { requestsPerSecond: 0.001, burst: 50 }

/**
 * One read per client, as many clients as the limiter grants in its burst and 100 ms more; every
 * request is held until the last is granted, then all reach the mock at once. Answers counted.
 */
async function heldBurst(
  limiter: Limiter,
  burst: number,
): Promise<{ served: number; refused: number }> {
  const mock = createMockTray({ tokens: [TOKEN], limits: MOCK_LIMITS })
  const clients = burst + HELD_REFILL
  let sent = 0
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  const held: typeof fetch = async (input, init) => {
    sent += 1
    if (sent >= clients) open()
    await opened
    return mock.fetch(input, init)
  }
  await Promise.allSettled(
    Array.from({ length: clients }, () =>
      createTrayClient({
        baseUrl: 'http://tray.test',
        token: TOKEN,
        fetch: held,
        limiter,
        cache: false,
        maxRetries: 0,
      }).listConnectors(),
    ),
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
    const { served, refused } = await heldBurst(createMemoryLimiter(), DEFAULT_CLIENT_LIMITS.burst)
    expect(refused).toBe(0)
    expect(served).toBe(DEFAULT_CLIENT_LIMITS.burst + HELD_REFILL)
  })

  it("lets a limiter with Tray's very burst provoke 429s", async () => {
    const { served, refused } = await heldBurst(createMemoryLimiter({ burst: 50 }), 50)
    // 53 granted, 50 in Tray's bucket.
    expect({ served, refused }).toEqual({ served: 50, refused: HELD_REFILL })
  })
})
