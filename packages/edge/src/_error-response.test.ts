import { TrayBadRequestError } from '@traykit/core'
import { HTTPException } from 'hono/http-exception'
import { describe, expect, it, vi } from 'vitest'
import { SEND_MESSAGE, setup } from './__fixtures__/setup'

describe("Tray's errors", () => {
  it.each<[number, { message: string; code?: string | null }]>([
    [400, { message: 'Bad request', code: 'BAD' }],
    [401, { message: 'The request is unauthorized' }],
    [403, { message: 'Forbidden', code: 'NO_ACCESS' }],
    [500, { message: 'Internal error' }],
    [503, { message: 'Service unavailable', code: 'MAINTENANCE' }],
  ])('keep status %i, message and code', async (status, body) => {
    const { mock, call } = setup()
    mock.fail({ status, body, match: { route: 'call' } })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(status)
    expect(await response.json()).toEqual({ message: body.message, code: body.code ?? null })
  })

  it("pass Tray's 404 for an unknown connector or version through, on reads and calls", async () => {
    const { request } = setup({ allow: () => true })
    const read = await request('/core/v1/connectors/nope/versions/1.0/operations')
    expect(read.status).toBe(404)
    expect(await read.json()).toMatchObject({ message: expect.any(String), code: null })
    const call = await request('/core/v1/connectors/slack/versions/99.0/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SEND_MESSAGE),
    })
    expect(call.status).toBe(404)
  })

  it("keep a 429's Retry-After and Tray's request id", async () => {
    const { mock, call } = setup()
    mock.fail({
      status: 429,
      retryAfter: 3,
      headers: { 'x-request-id': 'tray-req-1' },
      match: { route: 'call' },
    })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('3')
    expect(response.headers.get('x-tray-request-id')).toBe('tray-req-1')
    expect(response.headers.get('x-request-id')).not.toBe('tray-req-1')
  })

  it('reach a browser client as the same error classes', async () => {
    const { mock, browser } = setup()
    mock.fail({ status: 400, body: { message: 'Bad input', code: null }, match: { route: 'call' } })
    const error = await browser.callConnector('slack', '9.1', SEND_MESSAGE).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayBadRequestError)
    expect((error as TrayBadRequestError).message).toBe('Bad input')
  })
})

describe('upstream failures', () => {
  it('answer 502 when the connection drops, without retrying a call that may have run', async () => {
    const onError = vi.fn()
    const { mock, call } = setup({ maxRetries: 2, onError })
    mock.drop({ match: { route: 'call' }, runFirst: true })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({
      message: 'Tray could not be reached',
      code: 'upstream_unreachable',
    })
    expect(mock.tasks).toBe(1)
    expect(onError).toHaveBeenCalledOnce()
  })

  it('answer 502 when Tray answers a body that is not JSON', async () => {
    const { mock, request } = setup()
    mock.malformed({ match: { route: 'connectors' } })
    const response = await request('/core/v1/connectors')
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ code: 'upstream_invalid_response' })
  })

  it('answer 502 when Tray answers a call with a redirect, sent once and never followed', async () => {
    const { mock, call } = setup({ maxRetries: 2 })
    mock.fail({
      status: 307,
      headers: { location: 'https://elsewhere.example/call' },
      match: { route: 'call' },
    })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({
      message: 'Tray answered with a redirect, which is not followed',
      code: 'upstream_redirect',
    })
    expect(mock.calls.filter((c) => c.route === 'call')).toHaveLength(1)
  })

  it('answer 502 in JSON when a call result is nested too deeply to write back out', async () => {
    const onError = vi.fn()
    const { mock, call } = setup({ onError })
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    mock.fail({
      status: 200,
      body: `{"outcome":"success","output":{"rows":${deep}}}`,
      match: { route: 'call' },
    })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(502)
    expect(response.headers.get('x-request-id')).toBeTruthy()
    expect(await response.json()).toEqual({
      message: 'Tray answered with a body nested too deeply to pass on',
      code: 'upstream_invalid_response',
    })
    expect(onError).toHaveBeenCalledOnce()
  })

  it('answer 504 when Tray does not answer within the timeout', async () => {
    const { mock, request } = setup({ timeout: 20 })
    mock.delay({ ms: 5_000, match: { route: 'connectors' } })
    const response = await request('/core/v1/connectors')
    expect(response.status).toBe(504)
    expect(await response.json()).toEqual({
      message: 'Tray did not answer in time',
      code: 'upstream_timeout',
    })
  })
})

describe("the handler's own failures", () => {
  it('answer 500 without details when authorize throws, and tell onError', async () => {
    const onError = vi.fn()
    const failure = new Error('session store down at 10.0.0.7')
    const { mock, call } = setup({
      authorize: () => {
        throw failure
      },
      onError,
    })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({
      message: 'The Tray handler failed; the server log has the details',
      code: 'internal_error',
    })
    expect(onError).toHaveBeenCalledWith(failure, expect.anything())
    expect(mock.calls).toEqual([])
  })

  it('answer an HTTPException from authorize with its status', async () => {
    const { call } = setup({
      authorize: () => {
        throw new HTTPException(403, { message: 'Your plan does not include Slack' })
      },
    })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({
      message: 'Your plan does not include Slack',
      code: null,
    })
  })

  it('answer 401 unless authorize returns exactly true', async () => {
    for (const verdict of [false, undefined, 'yes', 1]) {
      const { mock, call } = setup({ authorize: (() => verdict) as never })
      const response = await call(SEND_MESSAGE)
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({ code: 'unauthorized' })
      expect(mock.calls).toEqual([])
    }
  })

  it('answer 500 when the token function returns no token', async () => {
    const onError = vi.fn()
    const { call } = setup({ token: () => '', onError })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(500)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      message: expect.stringMatching(/returned no token/),
    })
  })
})
