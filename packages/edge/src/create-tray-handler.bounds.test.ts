import { createMockTray } from '@traykit/testing'
import { describe, expect, it } from 'vitest'
import { SEND_MESSAGE, setup, TOKEN, upstreamCount } from './__fixtures__/setup'
import { createTrayHandler } from './create-tray-handler'

describe("the upstream queue (core's limits.maxQueue)", () => {
  it('answers 503 overloaded with Retry-After when a read would have to wait, and sends nothing', async () => {
    // One read per 1 000 s and no room to wait: the second read is refused at once.
    const { mock, request } = setup({
      cache: false,
      limits: { requestsPerSecond: 0.001, burst: 1, maxQueue: 0 },
    })
    expect((await request('/core/v1/connectors')).status).toBe(200)

    const response = await request('/core/v1/connectors')
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({
      message: 'Too many requests are waiting for Tray; nothing was sent, try again shortly',
      code: 'overloaded',
    })
    const seconds = Number(response.headers.get('retry-after'))
    expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 1000).toBe(true)
    expect(upstreamCount(mock, 'connectors')).toBe(1)
  })

  it('answers 503 for a call that would wait for a concurrency slot, and bills nothing for it', async () => {
    const { mock, call } = setup({ limits: { maxConcurrentCalls: 1, maxQueue: 0 } })
    let finish: () => void = () => {}
    let started: () => void = () => {}
    const running = new Promise<void>((resolve) => {
      started = resolve
    })
    mock.handle('slack', 'send_message', () => {
      started()
      return new Promise((resolve) => {
        finish = () => resolve({ ok: true })
      })
    })
    // The first call holds the only slot until it is finished.
    const first = call(SEND_MESSAGE)
    await running

    const second = await call(SEND_MESSAGE)
    expect(second.status).toBe(503)
    expect(await second.json()).toMatchObject({ code: 'overloaded' })
    expect(second.headers.get('retry-after')).toMatch(/^[1-9]\d*$/)
    finish()
    expect((await first).status).toBe(200)
    expect(mock.tasks).toBe(1)
  })
})

describe("the upstream body cap (core's maxResponseBytes)", () => {
  it('answers 502 upstream_too_large for a catalog read past it', async () => {
    const { request } = setup({ maxResponseBytes: 1000 })
    const response = await request('/core/v1/connectors')
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({
      message: 'Tray answered with a body larger than 1000 bytes, which was not read',
      code: 'upstream_too_large',
    })
  })

  it('answers 502 upstream_too_large for a call whose output is past it', async () => {
    const { mock, call } = setup({ maxResponseBytes: 4096 })
    mock.handle('slack', 'send_message', () => ({ blob: 'x'.repeat(10_000) }))
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ code: 'upstream_too_large' })
  })

  it('is checked when the handler is created', () => {
    expect(() => createTrayHandler({ token: TOKEN, public: true, maxResponseBytes: 0 })).toThrow(
      /maxResponseBytes/,
    )
    const mock = createMockTray({ tokens: [TOKEN] })
    expect(() =>
      createTrayHandler({
        token: TOKEN,
        public: true,
        fetch: mock.fetch,
        maxResponseBytes: 64 * 1024,
        limits: { maxQueue: 10 },
      }),
    ).not.toThrow()
  })
})
