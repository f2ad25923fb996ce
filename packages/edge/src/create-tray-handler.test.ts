import {
  createTrayClient,
  TrayConnectorError,
  TrayPermissionError,
  TrayValidationError,
} from '@traykit/core'
import { createMockTray } from '@traykit/testing'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { CALL_PATH, SEND_MESSAGE, setup, TOKEN, upstreamCount } from './__fixtures__/setup'
import { createTrayHandler } from './create-tray-handler'

describe('a browser using the core client against the handler', () => {
  it('lists what Tray lists and calls through it, with no token of its own', async () => {
    const { mock, browser } = setup()
    const direct = createTrayClient({
      token: TOKEN,
      baseUrl: 'http://tray.test',
      fetch: mock.fetch,
    })

    expect(await browser.listConnectors()).toEqual(await direct.listConnectors())
    expect(await browser.listOperations('slack', '9.1')).toEqual(
      await direct.listOperations('slack', '9.1'),
    )
    const output = await browser.callConnector('slack', '9.1', SEND_MESSAGE)
    expect(output).toMatchObject({ ok: true })
    expect(mock.tasks).toBe(1)
  })

  it('gets a third-party failure as the 200 Tray sent, so the client raises TrayConnectorError', async () => {
    const { mock, browser, call } = setup()
    mock.handle('slack', 'send_message', () => ({
      outcome: 'error',
      output: { response: { statusCode: 404, body: 'channel_not_found' }, message: 'Not found' },
    }))

    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      outcome: 'error',
      output: { response: { statusCode: 404, body: 'channel_not_found' }, message: 'Not found' },
    })
    const error = await browser.callConnector('slack', '9.1', SEND_MESSAGE).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayConnectorError)
    expect((error as TrayConnectorError).statusCode).toBe(404)
    expect(mock.tasks).toBe(2)
  })

  it("raises TrayValidationError with the issues for the handler's 400 invalid_input", async () => {
    const { mock, browser } = setup()
    // validate: false, so the browser's own check does not catch it first: the handler's does.
    const error = await browser
      .callConnector(
        'slack',
        '9.1',
        { operation: 'send_message', input: { channel: 42 } },
        {
          validate: false,
        },
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayValidationError)
    const { issues, status, code } = error as TrayValidationError
    expect({ status, code }).toEqual({ status: 400, code: 'invalid_input' })
    expect(issues.map((i) => i.path).sort()).toEqual(['input.channel', 'input.text'])
    expect(mock.tasks).toBe(0)
  })

  it("raises TrayValidationError for Tray's own input validation 400, passed on by the handler", async () => {
    const { mock, browser } = setup()
    mock.fail({
      status: 400,
      body: {
        message:
          'Connector input validation failed. Schema validation errors: [ 1 - #: required key [channel] not found ]',
        code: null,
      },
      match: { route: 'call' },
    })
    const error = await browser.callConnector('slack', '9.1', SEND_MESSAGE).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayValidationError)
    expect((error as TrayValidationError).issues).toContainEqual(
      expect.objectContaining({ path: expect.stringMatching(/channel/) }),
    )
  })

  it('raises the permission error for an operation that is not allowed, without a task', async () => {
    const { mock, browser } = setup({ allow: { slack: ['list_channels_ddl'] } })
    const error = await browser.callConnector('slack', '9.1', SEND_MESSAGE).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayPermissionError)
    expect(mock.tasks).toBe(0)
  })
})

describe('what reaches Tray', () => {
  it('sends the server token and the payload, never the caller headers', async () => {
    const { mock, call } = setup()
    const seen: Record<string, string | null>[] = []
    mock.handle('slack', 'send_message', (_input, ctx) => {
      const h = ctx.request.headers
      seen.push({
        authorization: h.get('authorization'),
        cookie: h.get('cookie'),
        forwarded: h.get('x-forwarded-for'),
        custom: h.get('x-caller'),
      })
      return { ok: true }
    })

    const response = await call(SEND_MESSAGE, {
      authorization: 'Bearer the-callers-session',
      cookie: 'session=abc',
      'x-forwarded-for': '203.0.113.9',
      'x-caller': 'yes',
    })

    expect(response.status).toBe(200)
    expect(seen).toEqual([
      { authorization: `Bearer ${TOKEN}`, cookie: null, forwarded: null, custom: null },
    ])
    expect(mock.calls.find((c) => c.route === 'call')?.input).toEqual(SEND_MESSAGE.input)
  })

  it('forwards a call once and nothing else for it, the operation read from the cache', async () => {
    const { mock, call } = setup()
    await call(SEND_MESSAGE)
    await call(SEND_MESSAGE)
    expect(upstreamCount(mock, 'call')).toBe(2)
    expect(upstreamCount(mock, 'operations')).toBe(1)
  })

  it('passes authId and returnOutputSchema through', async () => {
    const authId = '0b7e8f8e-2d6a-4a36-9a7b-3f1f3c2a9d10'
    const { mock, call } = setup(
      {},
      {
        tokens: [TOKEN],
        authentications: [{ id: authId, name: 'Slack', serviceEnvironmentId: 'env-1' }],
      },
    )
    const seen: unknown[] = []
    mock.handle('slack', 'send_message', (_input, ctx) => {
      seen.push({ authId: ctx.authId, returnOutputSchema: ctx.returnOutputSchema })
      return { ok: true }
    })
    const response = await call({ ...SEND_MESSAGE, authId, returnOutputSchema: false })
    expect(response.status).toBe(200)
    expect(seen).toEqual([{ authId, returnOutputSchema: false }])
  })
})

describe('the order of the checks', () => {
  const oversized = JSON.stringify({ ...SEND_MESSAGE, input: { text: 'x'.repeat(2000) } })

  it.each<[string, { authorized?: boolean; body: unknown }, number, string]>([
    ['authorize before the body size', { authorized: false, body: oversized }, 401, 'unauthorized'],
    ['body size before JSON', { body: `{${'x'.repeat(2000)}` }, 413, 'payload_too_large'],
    ['JSON before the payload shape', { body: '{"operation":' }, 400, 'invalid_json'],
    [
      'payload shape before allow',
      { body: { operation: 'delete_everything', input: 'no' } },
      400,
      'invalid_payload',
    ],
    [
      'allow before input validation',
      { body: { operation: 'list_channels_ddl', input: { nonsense: 1 } } },
      403,
      'operation_not_allowed',
    ],
    [
      'input validation before forwarding',
      { body: { operation: 'send_message', input: {} } },
      400,
      'invalid_input',
    ],
  ])('%s', async (_name, { authorized = true, body }, status, code) => {
    const { mock, call } = setup({ authorize: () => authorized, maxBodyBytes: 1000 })
    const response = await call(body)
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ code })
    expect(mock.tasks).toBe(0)
    expect(upstreamCount(mock, 'call')).toBe(0)
  })

  it('names each invalid field of the input, and nothing is billed', async () => {
    const { mock, call } = setup()
    const response = await call({ operation: 'send_message', input: { channel: 42 } })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { message: string; issues: { path: string }[] }
    expect(body.message).toMatch(/nothing was sent/)
    expect(body.issues.map((i) => i.path).sort()).toEqual(['input.channel', 'input.text'])
    expect(mock.tasks).toBe(0)
  })

  it('refuses an operation the version does not have, as invalid input', async () => {
    const { mock, call } = setup({ allow: { slack: '*' } })
    const response = await call({ operation: 'no_such_operation', input: {} })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'operation' }],
    })
    expect(upstreamCount(mock, 'call')).toBe(0)
  })
})

describe('routes', () => {
  it('answers another method on a route with 405 and Allow', async () => {
    const { request } = setup()
    const response = await request('/core/v1/connectors', { method: 'DELETE' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
    const call = await request(CALL_PATH, { method: 'GET' })
    expect(call.status).toBe(405)
    expect(call.headers.get('allow')).toBe('POST')
    expect(await call.json()).toMatchObject({ code: 'method_not_allowed' })
  })

  it('serves no authentication route without the authentications option: JSON 404s', async () => {
    const { mock, request } = setup()
    for (const [path, method] of [
      ['/core/v1/authentications', 'POST'],
      ['/core/v1/authentications/0b0c6f4e-7c1a-4f7e-9a59-4d1a3c2b1a00', 'GET'],
      ['/core/v1/authentications/0b0c6f4e-7c1a-4f7e-9a59-4d1a3c2b1a00', 'DELETE'],
    ] as const) {
      const response = await request(path, { method, body: method === 'POST' ? '{}' : null })
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ code: 'not_found' })
    }
    expect(mock.calls).toEqual([])
  })

  it('answers unknown paths and methods under its prefix in JSON, with Allow on a 405', async () => {
    const { request } = setup()
    const unknown = await request('/nope/at/all')
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await unknown.json()).toMatchObject({ code: 'not_found' })
    const wrong = await request('/core/v1/services/slack/versions/4/environments', {
      method: 'PUT',
    })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET')
    expect(await wrong.json()).toMatchObject({ code: 'method_not_allowed' })
  })

  it('answers unknown paths with JSON 404 when it is the whole app', async () => {
    const handler = createTrayHandler({ token: TOKEN, public: true })
    const response = await handler.request('/nope')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ code: 'not_found' })
    expect(response.headers.get('x-request-id')).toBeTruthy()
  })

  it('works at any prefix, and at the root, leaving the parent app its other routes', async () => {
    const mock = createMockTray({ tokens: [TOKEN] })
    const handler = createTrayHandler({
      token: TOKEN,
      public: true,
      baseUrl: 'http://tray.test',
      fetch: mock.fetch,
    })
    const app = new Hono()
    app.route('/api/v2/tray', handler)
    app.route('/', handler)
    app.get('/health', (c) => c.text('ok'))

    const nested = await app.request('/api/v2/tray/core/v1/connectors')
    const root = await app.request('/core/v1/connectors')
    expect(nested.status).toBe(200)
    expect(await nested.json()).toEqual(await root.json())
    expect(await (await app.request('/health')).text()).toBe('ok')
  })

  it('keeps an encoded slash or dot-dot inside its path segment upstream', async () => {
    const { mock, request } = setup()
    const response = await request(
      '/core/v1/connectors/..%2F..%2Fauthentications/versions/1/operations',
    )
    expect(response.status).toBe(404)
    expect(mock.calls).toMatchObject([{ route: 'operations', connector: '../../authentications' }])
  })
})

describe('the request id', () => {
  it('is on every answer, and is the caller id when that one is safe', async () => {
    const { request, call } = setup()
    const answers = [
      await request('/core/v1/connectors'),
      await call({ operation: 'send_message', input: {} }),
      await request('/core/v1/connectors', { method: 'PUT' }),
    ]
    const ids = answers.map((r) => r.headers.get('x-request-id'))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(ids).size).toBe(3)

    const given = await request('/core/v1/connectors', {
      headers: { 'x-request-id': 'req_42.a:b-c' },
    })
    expect(given.headers.get('x-request-id')).toBe('req_42.a:b-c')
  })

  it.each([['<script>'], ['a b'], ['x'.repeat(129)]])(
    'replaces an unsafe caller id %#',
    async (id) => {
      const { request } = setup()
      const response = await request('/core/v1/connectors', { headers: { 'x-request-id': id } })
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    },
  )
})

describe('creating a handler', () => {
  it('requires authorize, unless public: true is explicit', () => {
    // The types refuse these too; untyped callers get the same refusals at runtime.
    // @ts-expect-error neither authorize nor public: true
    expect(() => createTrayHandler({ token: TOKEN })).toThrow(
      /authorize is required.*public: true/s,
    )
    // @ts-expect-error public: false is no way to serve without authorize
    expect(() => createTrayHandler({ token: TOKEN, public: false })).toThrow(
      /authorize is required/,
    )
    expect(() => createTrayHandler({ token: TOKEN, public: true })).not.toThrow()
    expect(() => createTrayHandler({ token: TOKEN, authorize: () => true })).not.toThrow()
    // @ts-expect-error both at once
    expect(() => createTrayHandler({ token: TOKEN, public: true, authorize: () => true })).toThrow(
      /either authorize or public: true/,
    )
  })

  it.each([
    [{ public: true }, /token is required/],
    [{ token: '', public: true }, /token is required/],
    [{ token: TOKEN, public: true, authorise: () => true }, /unknown option "authorise"/],
    [
      { token: TOKEN, public: true, catalogue: 'allowed' },
      /unknown option "catalogue" \(did you mean "catalog"\?\)/,
    ],
    [{ token: TOKEN, authorise: true }, /did you mean "authorize"\?.*options are token/],
    [{ token: TOKEN, authorize: true }, /authorize must be a function/],
    [{ token: TOKEN, public: 'yes' }, /public must be true or false/],
    [{ token: TOKEN, public: true, maxBodyBytes: 0 }, /maxBodyBytes must be a whole number/],
    [{ token: TOKEN, public: true, region: 'mars' }, /region must be one of us, eu1, ap1/],
    [{ token: TOKEN, public: true, baseUrl: 'ftp://x' }, /baseUrl must be http or https/],
    [{ token: TOKEN, public: true, onError: 'log' }, /onError must be a function/],
  ])('refuses %o', (options, message) => {
    expect(() => createTrayHandler(options as never)).toThrow(message)
  })

  it('refuses a malformed fixed token without repeating it', () => {
    const error = (() => {
      try {
        createTrayHandler({ token: 'secret with spaces', public: true })
      } catch (e) {
        return e as Error
      }
    })()
    expect(error?.message).toMatch(/token must be a non-empty string/)
    expect(error?.message).not.toContain('secret')
  })
})
