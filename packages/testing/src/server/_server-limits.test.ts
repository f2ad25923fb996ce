import { afterEach, describe, expect, it, vi } from 'vitest'
import { call, SEND_MESSAGE, send } from '../__fixtures__/send'
import { createMockTray, type MockTray } from '../index'

const connectors = (mock: MockTray) => send(mock, 'GET', '/core/v1/connectors')

/** A handler that holds every call until `release()`; `started()` counts the calls it holds. */
function holdCalls(mock: MockTray) {
  let release = () => {}
  let started = 0
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  mock.handle('slack', 'send_message', async () => {
    started += 1
    await gate
    return { ok: true }
  })
  return { release: () => release(), started: () => started }
}

describe('limits', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it("keeps to Tray's 30 requests/s with bursts of 50 on non-call routes, 429 beyond", async () => {
    // The clock stands still, so the bucket refills only when the test moves it.
    vi.useFakeTimers({ toFake: ['Date'] })
    const mock = createMockTray({ limits: true })
    const burst = await Promise.all(Array.from({ length: 51 }, () => connectors(mock)))
    expect(burst.filter((r) => r.status === 200)).toHaveLength(50)
    expect(burst.filter((r) => r.status === 429).map((r) => r.body)).toEqual([
      { message: 'Limit exceeded' },
    ])

    vi.setSystemTime(Date.now() + 1_000)
    const second = await Promise.all(Array.from({ length: 31 }, () => connectors(mock)))
    expect(second.filter((r) => r.status === 200)).toHaveLength(30)
    expect(second.filter((r) => r.status === 429)).toHaveLength(1)
  })

  it('does not count calls against the request rate', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const mock = createMockTray({ limits: { burst: 1 } })
    expect((await connectors(mock)).status).toBe(200)
    expect((await connectors(mock)).status).toBe(429)
    expect((await call(mock, 'slack', '9.1', SEND_MESSAGE)).status).toBe(200)
  })

  it("allows Tray's 1000 concurrent calls and answers 429 to the next one", async () => {
    const mock = createMockTray({ limits: true })
    const hold = holdCalls(mock)
    const held = Array.from({ length: 1000 }, () => call(mock, 'slack', '9.1', SEND_MESSAGE))
    await vi.waitFor(() => expect(hold.started()).toBe(1000))
    const extra = await call(mock, 'slack', '9.1', SEND_MESSAGE)
    expect(extra).toMatchObject({ status: 429, body: { message: 'Limit exceeded' } })
    hold.release()
    expect((await Promise.all(held)).every((r) => r.status === 200)).toBe(true)
    expect((await call(mock, 'slack', '9.1', SEND_MESSAGE)).status).toBe(200)
    expect(mock.tasks).toBe(1001)
  })

  it('takes custom numbers', async () => {
    const mock = createMockTray({ limits: { maxConcurrentCalls: 2 } })
    const hold = holdCalls(mock)
    const held = [1, 2].map(() => call(mock, 'slack', '9.1', SEND_MESSAGE))
    await vi.waitFor(() => expect(hold.started()).toBe(2))
    expect((await call(mock, 'slack', '9.1', SEND_MESSAGE)).status).toBe(429)
    hold.release()
    await Promise.all(held)
  })

  it('are off unless asked for', async () => {
    const mock = createMockTray()
    const responses = await Promise.all(Array.from({ length: 80 }, () => connectors(mock)))
    expect(responses.every((r) => r.status === 200)).toBe(true)
  })

  it('refuses numbers that cannot work', () => {
    expect(() => createMockTray({ limits: { requestsPerSecond: 0 } })).toThrow(
      'limits.requestsPerSecond must be a number above 0, got 0',
    )
  })
})
