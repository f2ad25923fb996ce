import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { call, SEND_MESSAGE, send, TOKEN } from '../__fixtures__/send'
import { createMockTray } from '../index'

describe('mock.fail', () => {
  it("answers the status with Tray's body for it, then the real answer once used up", async () => {
    const mock = createMockTray()
    const fault = mock.fail({ status: 503, times: 2 })
    expect(await send(mock, 'GET', '/core/v1/connectors')).toMatchObject({
      status: 503,
      body: { message: 'Service unavailable' },
    })
    expect((await send(mock, 'GET', '/core/v1/connectors')).status).toBe(503)
    expect((await send(mock, 'GET', '/core/v1/connectors')).status).toBe(200)
    expect({ hits: fault.hits, remaining: fault.remaining }).toEqual({ hits: 2, remaining: 0 })
    expect(mock.calls.map((c) => c.fault)).toEqual(['fail', 'fail', undefined])
  })

  it('sends a JSON body, a raw string body, headers and Retry-After', async () => {
    const mock = createMockTray()
    mock.fail({
      status: 429,
      body: { message: 'Slow down', code: 'RATE' },
      retryAfter: 2,
      times: 1,
    })
    mock.fail({
      status: 502,
      body: '<html>Bad gateway</html>',
      headers: { 'x-request-id': 'r1' },
      times: 1,
    })
    const limited = await send(mock, 'GET', '/core/v1/connectors')
    expect(limited).toMatchObject({ status: 429, body: { message: 'Slow down', code: 'RATE' } })
    expect(limited.headers.get('retry-after')).toBe('2')
    const gateway = await send(mock, 'GET', '/core/v1/connectors')
    expect(gateway).toMatchObject({ status: 502, text: '<html>Bad gateway</html>' })
    expect(gateway.headers.get('x-request-id')).toBe('r1')
  })

  it('hits only the requests its scope matches', async () => {
    const mock = createMockTray()
    mock.fail({
      status: 500,
      match: { route: 'call', connector: 'slack', operation: 'send_reminder' },
    })
    mock.fail({ status: 403, match: { method: 'delete' } })
    mock.fail({ status: 404, match: (request) => request.version === '9.0' })
    const reminder = {
      operation: 'send_reminder',
      input: { message: 'm', time: 't', channel_id: 'C' },
    }
    expect((await call(mock, 'slack', '9.1', reminder)).status).toBe(500)
    expect((await call(mock, 'slack', '9.1', SEND_MESSAGE)).status).toBe(200)
    expect((await send(mock, 'GET', '/core/v1/connectors')).status).toBe(200)
    expect((await send(mock, 'DELETE', '/core/v1/authentications/x')).status).toBe(403)
    expect(
      (await send(mock, 'GET', '/core/v1/connectors/slack/versions/9.0/operations')).status,
    ).toBe(404)
  })

  it('stops when removed', async () => {
    const mock = createMockTray()
    const fault = mock.fail({ status: 500 })
    expect((await send(mock, 'GET', '/core/v1/connectors')).status).toBe(500)
    fault.remove()
    expect((await send(mock, 'GET', '/core/v1/connectors')).status).toBe(200)
  })

  it('fails before the call runs by default: nothing billed', async () => {
    const mock = createMockTray()
    mock.fail({ status: 500, match: { route: 'call' } })
    expect((await call(mock, 'slack', '9.1', SEND_MESSAGE)).status).toBe(500)
    expect(mock.tasks).toBe(0)
  })

  it('with runFirst, fails after the call ran: billed, the answer lost', async () => {
    const mock = createMockTray()
    mock.fail({ status: 500, match: { route: 'call' }, runFirst: true })
    expect((await call(mock, 'slack', '9.1', SEND_MESSAGE)).status).toBe(500)
    expect(mock.calls).toMatchObject([
      { status: 500, outcome: 'success', billed: true, fault: 'fail' },
    ])
    expect(mock.tasks).toBe(1)
  })

  it('refuses options that cannot work', () => {
    const mock = createMockTray()
    expect(() => mock.fail({ status: 99 })).toThrow('status must be a whole number from 200 to 599')
    expect(() => mock.fail({ status: 500, times: 0 })).toThrow(
      'times must be a whole number of at least 1',
    )
    expect(() => mock.fail({ status: 500, times: 1.5 })).toThrow('times must be a whole number')
    expect(() => mock.delay({ ms: -1 })).toThrow('ms must be a number of at least 0')
  })
})

describe('mock.drop', () => {
  it('makes the in-process fetch reject like a reset connection', async () => {
    const mock = createMockTray()
    mock.drop({ times: 1 })
    const error = await mock
      .fetch('http://tray.test/core/v1/connectors', {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } })
    expect(mock.calls).toMatchObject([{ status: 0, fault: 'drop' }])
    expect((await send(mock, 'GET', '/core/v1/connectors')).status).toBe(200)
  })

  it('with runFirst, drops after the call ran: billed', async () => {
    const mock = createMockTray()
    mock.drop({ match: { route: 'call' }, runFirst: true })
    await expect(call(mock, 'slack', '9.1', SEND_MESSAGE)).rejects.toThrow('fetch failed')
    expect(mock.tasks).toBe(1)
  })
})

describe('mock.malformed', () => {
  it('answers a body that is not JSON', async () => {
    const mock = createMockTray()
    mock.malformed({ times: 1 })
    mock.malformed({ status: 500, body: 'oops', times: 1 })
    const cut = await send(mock, 'GET', '/core/v1/connectors')
    expect(cut.status).toBe(200)
    expect(cut.headers.get('content-type')).toBe('application/json')
    expect(() => JSON.parse(cut.text)).toThrow()
    expect(await send(mock, 'GET', '/core/v1/connectors')).toMatchObject({
      status: 500,
      text: 'oops',
    })
    expect(mock.calls.map((c) => c.fault)).toEqual(['malformed', 'malformed'])
  })
})

describe('mock.delay', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('holds the answer for the given time', async () => {
    const mock = createMockTray()
    mock.delay({ ms: 5_000, times: 1 })
    let settled = false
    const pending = send(mock, 'GET', '/core/v1/connectors').then((r) => {
      settled = true
      return r
    })
    await vi.advanceTimersByTimeAsync(4_999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).status).toBe(200)
    expect(mock.calls).toMatchObject([{ status: 200, fault: 'delay' }])
  })

  it('adds up with a fail on the same request', async () => {
    const mock = createMockTray()
    mock.delay({ ms: 1_000, times: 1 })
    mock.fail({ status: 500, times: 1 })
    const pending = send(mock, 'GET', '/core/v1/connectors')
    await vi.advanceTimersByTimeAsync(1_000)
    expect((await pending).status).toBe(500)
  })

  it('does not run a call whose client gave up during the delay', async () => {
    const mock = createMockTray()
    mock.delay({ ms: 10_000, match: { route: 'call' } })
    const controller = new AbortController()
    const pending = call(mock, 'slack', '9.1', SEND_MESSAGE, { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await vi.advanceTimersByTimeAsync(0)
    expect(mock.calls).toMatchObject([{ status: 499, billed: false }])
  })

  it('with runFirst, runs the call and bills it even if the client gives up', async () => {
    const mock = createMockTray()
    mock.delay({ ms: 10_000, match: { route: 'call' }, runFirst: true })
    const controller = new AbortController()
    const pending = call(mock, 'slack', '9.1', SEND_MESSAGE, { signal: controller.signal })
    await vi.advanceTimersByTimeAsync(1_000)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await vi.advanceTimersByTimeAsync(0)
    expect(mock.calls).toMatchObject([{ status: 499, billed: true, outcome: 'success' }])
  })
})
