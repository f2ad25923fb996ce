import { describe, expect, it } from 'vitest'
import { errorOutcome } from './__fixtures__/error-outcome'
import { call, SEND_MESSAGE, send, TOKEN } from './__fixtures__/send'
import { createMockTray, thirdPartyError } from './index'

const SLACK_ENV = '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1'
const SEEDED_AUTH = '0b6c5e7a-1f2d-4e3c-9a8b-7c6d5e4f3a2b'
const ACME_SLACK = { id: SEEDED_AUTH, name: 'Acme Slack', serviceEnvironmentId: SLACK_ENV }

describe('bearer tokens', () => {
  it('answers 401 in Tray words without a bearer token', async () => {
    const mock = createMockTray()
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer ' },
    ]
    for (const headers of attempts) {
      const response = await mock.fetch('http://tray.test/core/v1/connectors', { headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ message: 'The request is unauthorized' })
    }
  })

  it('accepts any non-empty token when no tokens are configured', async () => {
    const mock = createMockTray()
    expect((await send(mock, 'GET', '/core/v1/connectors', { token: 'whatever' })).status).toBe(200)
  })

  it('accepts only the configured tokens when given', async () => {
    const mock = createMockTray({ tokens: ['master-token'] })
    expect((await send(mock, 'GET', '/core/v1/connectors', { token: 'master-token' })).status).toBe(
      200,
    )
    const refused = await send(mock, 'GET', '/core/v1/connectors', { token: 'other-token' })
    expect(refused.status).toBe(401)
    expect(refused.text).not.toContain('other-token')
  })

  it('refuses invalid tokens options without echoing them', () => {
    expect(() => createMockTray({ tokens: ['secret-1', ''] })).toThrow(
      'tokens must be an array of non-empty strings',
    )
    expect(() => createMockTray({ tokens: ['secret-1', ''] })).not.toThrow(/secret-1/)
  })
})

describe('seeded authentications', () => {
  it('are usable as authId by any token', async () => {
    const mock = createMockTray({ authentications: [ACME_SLACK] })
    const response = await call(
      mock,
      'slack',
      '9.1',
      { ...SEND_MESSAGE, authId: SEEDED_AUTH },
      { token: 'someone-else' },
    )
    expect(response.status).toBe(200)
  })

  it('must have a UUID id, named by its path when it does not', () => {
    expect(() =>
      createMockTray({
        authentications: [{ ...ACME_SLACK, id: 'acme' }],
      }),
    ).toThrow('authentications[0].id: must be a UUID')
  })
})

describe('mock.handle', () => {
  it('answers an operation with the handler, given the input and the call context', async () => {
    const acme = { ...ACME_SLACK, credentials: { access_token: 'xoxb-1' } }
    const mock = createMockTray({ authentications: [acme] })
    const seen: unknown[] = []
    mock.handle('slack', 'send_message', (input, ctx) => {
      seen.push({ input, connector: ctx.connector, version: ctx.version, auth: ctx.authentication })
      return { ok: true, echoed: input.text }
    })
    const response = await call(mock, 'slack', '9.1', { ...SEND_MESSAGE, authId: SEEDED_AUTH })
    expect(response.body).toEqual({ outcome: 'success', output: { ok: true, echoed: 'hi' } })
    expect(seen).toEqual([
      {
        input: { channel: 'C1', text: 'hi' },
        connector: 'slack',
        version: '9.1',
        auth: {
          id: SEEDED_AUTH,
          name: 'Acme Slack',
          serviceEnvironmentId: SLACK_ENV,
          credentials: { access_token: 'xoxb-1' },
        },
      },
    ])
  })

  it('scopes a handler to one version when asked, and to every version otherwise', async () => {
    const mock = createMockTray()
    mock.handle('slack', 'send_reminder', () => ({ reminder_id: 'any' }))
    mock.handle('slack', 'send_reminder', () => ({ reminder_id: 'nine-oh' }), { version: '9.0' })
    const input = { message: 'm', time: 'tomorrow', channel_id: 'C1' }
    const body = { operation: 'send_reminder', input }
    expect((await call(mock, 'slack', '9.0', body)).body).toMatchObject({
      output: { reminder_id: 'nine-oh' },
    })
    expect((await call(mock, 'slack', '9.1', body)).body).toMatchObject({
      output: { reminder_id: 'any' },
    })
  })

  it('passes a returned { outcome, output } through, as with thirdPartyError', async () => {
    const mock = createMockTray()
    mock.handle('slack', 'send_message', () => thirdPartyError(429, 'ratelimited'))
    const response = await call(mock, 'slack', '9.1', SEND_MESSAGE)
    expect(response.body).toEqual(errorOutcome(429, 'ratelimited', 'ratelimited'))
    expect(mock.tasks).toBe(1)
  })

  it('turns a throwing handler into a billed outcome "error", as a failing third party', async () => {
    const mock = createMockTray()
    mock.handle('slack', 'send_message', async () => {
      throw new Error('Slack is down')
    })
    const response = await call(mock, 'slack', '9.1', SEND_MESSAGE)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      outcome: 'error',
      output: { response: { statusCode: 500, body: 'Slack is down' }, message: 'Slack is down' },
    })
    expect(mock.tasks).toBe(1)
  })

  it('answers 500 naming the handler when it returns something that is not an output', async () => {
    const mock = createMockTray()
    mock.handle('slack', 'send_message', () => 'sent' as never)
    const response = await call(mock, 'slack', '9.1', SEND_MESSAGE)
    expect(response.status).toBe(500)
    expect(response.body).toEqual({
      message:
        'Internal error: The mock handler of slack send_message returned "sent"; return an output object or { outcome, output }',
    })
    expect(mock.tasks).toBe(0)
  })

  it('gives the handler a copy of the input, so the journal keeps what was sent', async () => {
    const mock = createMockTray()
    mock.handle('slack', 'send_message', (input) => {
      input.text = 'changed'
      return {}
    })
    await call(mock, 'slack', '9.1', SEND_MESSAGE)
    expect(mock.calls[0]?.input).toEqual({ channel: 'C1', text: 'hi' })
  })

  it('lets a handler fall back to the default answer', async () => {
    const mock = createMockTray()
    mock.handle('slack', 'list_channels_ddl', (_input, ctx) => ctx.defaultResult())
    const response = await call(mock, 'slack', '9.1', {
      operation: 'list_channels_ddl',
      input: { workspace_id: 'T000GLOBEX' },
    })
    expect(response.body).toEqual({
      outcome: 'success',
      output: { result: [{ text: '#announcements', value: 'C000ANNOUNCE' }] },
    })
  })

  it('refuses an unknown connector, version or operation, listing what exists', () => {
    const mock = createMockTray()
    const handler = () => ({})
    expect(() => mock.handle('slak', 'send_message', handler)).toThrow(
      'the catalog has no connector slak',
    )
    expect(() => mock.handle('slack', 'send_message', handler, { version: '7.0' })).toThrow(
      'the catalog has no connector slack 7.0',
    )
    expect(() => mock.handle('slack', 'send_mesage', handler)).toThrow(
      'slack has no operation send_mesage (it has send_message, send_reminder, list_workspaces_ddl, list_channels_ddl, list_users_and_conversations_ddl)',
    )
  })
})

describe('journal and tasks', () => {
  it('records each request without headers or token', async () => {
    const mock = createMockTray()
    await send(mock, 'GET', '/core/v1/connectors')
    await call(mock, 'slack', '9.1', SEND_MESSAGE)
    const calls = mock.calls
    expect(calls).toEqual([
      {
        method: 'GET',
        path: '/core/v1/connectors',
        route: 'connectors',
        status: 200,
        billed: false,
        time: expect.any(Number),
      },
      {
        method: 'POST',
        path: '/core/v1/connectors/slack/versions/9.1/call',
        route: 'call',
        connector: 'slack',
        version: '9.1',
        operation: 'send_message',
        input: { channel: 'C1', text: 'hi' },
        status: 200,
        outcome: 'success',
        billed: true,
        time: expect.any(Number),
      },
    ])
    expect(JSON.stringify(calls)).not.toContain(TOKEN)
  })

  it('bills what Tray bills: calls that reached the connector, not rejections', async () => {
    const mock = createMockTray()
    const order = (body: unknown, token?: string | null) =>
      call(mock, 'shopify', '4.1', body, { token })
    await order({ operation: 'get_order', input: { order_id: '1' } }) // success
    await order({ operation: 'get_order', input: { order_id: '0' } }) // third-party 404
    await order({ operation: 'get_orders', input: {} }) // unknown operation: outcome error
    await order({ operation: 'get_order', input: {} }) // 400: input
    await order({ operation: 'get_order', input: { order_id: '1' } }, null) // 401
    await call(mock, 'shopify', '9.9', { operation: 'get_order', input: { order_id: '1' } }) // 404
    expect(mock.calls.map((c) => [c.status, c.outcome, c.billed])).toEqual([
      [200, 'success', true],
      [200, 'error', true],
      [200, 'error', true],
      [400, undefined, false],
      [401, undefined, false],
      [404, undefined, false],
    ])
    expect(mock.tasks).toBe(3)
  })

  it('keeps the latest journalLimit requests, and still counts every task', async () => {
    const mock = createMockTray({ journalLimit: 2 })
    for (const text of ['one', 'two', 'three']) {
      await call(mock, 'slack', '9.1', {
        operation: 'send_message',
        input: { channel: 'C1', text },
      })
    }
    expect(mock.calls.map((c) => c.input?.text)).toEqual(['two', 'three'])
    expect(mock.tasks).toBe(3)
    expect(() => createMockTray({ journalLimit: -1 })).toThrow(
      'journalLimit must be a whole number of at least 0, got -1',
    )
  })

  it('reset() returns to the state at creation', async () => {
    const mock = createMockTray({ authentications: [ACME_SLACK] })
    const created = await send(mock, 'POST', '/core/v1/authentications', {
      body: { name: 'Mine', serviceEnvironmentId: SLACK_ENV },
    })
    const id = (created.body as { id: string }).id
    mock.handle('slack', 'send_message', () => ({ handled: true }))
    mock.fail({ status: 503, match: { route: 'connectors' } })
    await call(mock, 'slack', '9.1', SEND_MESSAGE)

    mock.reset()

    expect(mock.calls).toEqual([])
    expect(mock.tasks).toBe(0)
    expect((await send(mock, 'GET', '/core/v1/connectors')).status).toBe(200)
    expect((await send(mock, 'GET', `/core/v1/authentications/${id}`)).status).toBe(404)
    expect((await send(mock, 'GET', `/core/v1/authentications/${SEEDED_AUTH}`)).status).toBe(200)
    const response = await call(mock, 'slack', '9.1', SEND_MESSAGE)
    expect(response.body).toMatchObject({ output: { ok: true } })
  })
})

describe('mock.fetch and mock.app', () => {
  it('rejects an aborted request with the signal reason, like fetch', async () => {
    const mock = createMockTray()
    mock.delay({ ms: 60_000 })
    const controller = new AbortController()
    const pending = mock.fetch('http://tray.test/core/v1/connectors', {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('serves the Hono app directly too', async () => {
    const mock = createMockTray()
    const response = await mock.app.request('/core/v1/connectors', {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(response.status).toBe(200)
  })
})
