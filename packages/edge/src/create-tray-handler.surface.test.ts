import { createTrayClient } from '@traykit/core'
import { createMockTray } from '@traykit/testing'
import type { Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { SEND_MESSAGE, setup, TOKEN, upstreamCount } from './__fixtures__/setup'
import { createTrayHandler } from './create-tray-handler'
import type { CreatedAuthentication } from './handler-options'

const SLACK_ENVIRONMENTS = '/core/v1/services/slack/versions/4/environments'
const SLACK_ENVIRONMENT_ID = '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1'
const APP = 'https://app.example.com'

/** A handler whose callers say who they are in `x-user`, and an app that records owners. */
function withOwners(options: { onCreate?: (c: Context, a: CreatedAuthentication) => void } = {}) {
  const owners = new Map<string, string | undefined>()
  const created: CreatedAuthentication[] = []
  const env = setup({
    authorize: (c) => c.req.header('x-user') !== undefined,
    cors: { origins: [APP] },
    authentications: {
      owns: (c, authId) => owners.get(authId) === c.req.header('x-user'),
      onCreate:
        options.onCreate ??
        ((c, authentication) => {
          created.push(authentication)
          owners.set(authentication.id, c.req.header('x-user'))
        }),
    },
  })
  const as = (user: string) => ({ 'x-user': user, 'content-type': 'application/json' })
  const create = (user: string, body: unknown = AUTHENTICATION) =>
    env.request('/core/v1/authentications', {
      method: 'POST',
      headers: as(user),
      body: JSON.stringify(body),
    })
  return { ...env, owners, created, as, create }
}

const AUTHENTICATION = {
  name: 'Alice on Slack',
  serviceEnvironmentId: SLACK_ENVIRONMENT_ID,
  credentials: { access_token: 'xoxb-alice-secret' },
  scopes: ['chat:write'],
}

describe('service environments', () => {
  it('lists the environments Tray lists, through a core client', async () => {
    const { mock, browser } = setup()
    const environments = await browser.listServiceEnvironments('slack', 4)
    expect(environments.map((e) => e.id)).toEqual([SLACK_ENVIRONMENT_ID])
    expect(environments).toEqual(
      await createTrayClient({
        token: TOKEN,
        baseUrl: 'http://tray.test',
        fetch: mock.fetch,
      }).listServiceEnvironments('slack', 4),
    )
  })

  it('reads them once per service version and token while they are fresh', async () => {
    const { mock, request } = setup()
    for (let i = 0; i < 3; i++) {
      expect((await request(SLACK_ENVIRONMENTS)).status).toBe(200)
    }
    expect(upstreamCount(mock, 'environments')).toBe(1)
  })

  it('reads them every time with cache: false', async () => {
    const { mock, request } = setup({ cache: false })
    for (let i = 0; i < 2; i++) {
      expect((await request(SLACK_ENVIRONMENTS)).status).toBe(200)
    }
    expect(upstreamCount(mock, 'environments')).toBe(2)
  })

  it('refuses a version that is not a whole number with a 400, nothing sent', async () => {
    const { mock, request } = setup()
    const response = await request('/core/v1/services/slack/versions/4.5/environments')
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'invalid_input' })
    expect(mock.calls).toEqual([])
  })

  it('passes on Tray’s 404 for an unknown service in the JSON shape', async () => {
    const { request } = setup()
    const response = await request('/core/v1/services/nope/versions/1/environments')
    expect(response.status).toBe(404)
    expect(await response.json()).toHaveProperty('message')
  })
})

describe('authentications behind the ownership hook', () => {
  it('creates one, tells onCreate its id without the credentials, and reads it back without them', async () => {
    const { create, created, request, as, mock } = withOwners()
    const response = await create('alice', { ...AUTHENTICATION, owner: 'bob' })
    expect(response.status).toBe(200)
    const { id } = (await response.json()) as { id: string }
    // Neither the credentials nor a field the caller added (an "owner"!) reach onCreate.
    expect(created).toEqual([
      {
        id,
        name: 'Alice on Slack',
        serviceEnvironmentId: SLACK_ENVIRONMENT_ID,
        scopes: ['chat:write'],
      },
    ])
    const read = await request(`/core/v1/authentications/${id}`, { headers: as('alice') })
    expect(read.status).toBe(200)
    const body = await read.text()
    expect(JSON.parse(body)).toMatchObject({ id, name: 'Alice on Slack' })
    expect(body).not.toContain('xoxb-alice-secret')
    expect(body).not.toContain('credentials')
    expect(upstreamCount(mock, 'authentications')).toBe(2)
  })

  it('refuses a create body core refuses with a 400, nothing sent', async () => {
    const { create, mock, created } = withOwners()
    const response = await create('alice', { name: '', serviceEnvironmentId: SLACK_ENVIRONMENT_ID })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'invalid_input' })
    expect(mock.calls).toEqual([])
    expect(created).toEqual([])
  })

  it("answers 404 for another user's authentication, read or deleted, and Tray never hears of it", async () => {
    const { create, request, as, mock } = withOwners()
    const { id } = (await (await create('alice')).json()) as { id: string }
    const before = mock.calls.length
    for (const method of ['GET', 'DELETE']) {
      const response = await request(`/core/v1/authentications/${id}`, {
        method,
        headers: as('bob'),
      })
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({
        message: 'Authentication not found',
        code: 'not_found',
      })
    }
    expect(mock.calls.length).toBe(before)
  })

  it("refuses a call with another user's authId with 403, nothing sent or billed", async () => {
    const { create, call, mock } = withOwners()
    const { id } = (await (await create('alice')).json()) as { id: string }
    const before = mock.calls.length
    const response = await call({ ...SEND_MESSAGE, authId: id }, { 'x-user': 'bob' })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ code: 'authentication_not_owned' })
    expect(mock.calls.length).toBe(before)
    expect(mock.calls.some((entry) => entry.authId === id && entry.route === 'call')).toBe(false)
    expect(mock.tasks).toBe(0)
  })

  it('lets the owner call with and delete their authentication', async () => {
    const { create, call, request, as, mock } = withOwners()
    const { id } = (await (await create('alice')).json()) as { id: string }
    const response = await call({ ...SEND_MESSAGE, authId: id }, { 'x-user': 'alice' })
    expect(response.status).toBe(200)
    expect(mock.tasks).toBe(1)
    const deleted = await request(`/core/v1/authentications/${id}`, {
      method: 'DELETE',
      headers: as('alice'),
    })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    const again = await request(`/core/v1/authentications/${id}`, { headers: as('alice') })
    expect(again.status).toBe(404)
  })

  it('deletes the new authentication again and answers 500 when onCreate throws', async () => {
    const { create, mock } = withOwners({
      onCreate: () => {
        throw new Error('database down')
      },
    })
    const response = await create('alice')
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ code: 'internal_error' })
    const journal = mock.calls.filter((entry) => entry.route === 'authentications')
    expect(journal.map((entry) => entry.method)).toEqual(['POST', 'DELETE'])
    expect(journal[1]?.status).toBe(204)
  })

  it('drops credentials from an upstream read that sends them back', async () => {
    const mock = createMockTray({ tokens: [TOKEN] })
    const handler = createTrayHandler({
      token: TOKEN,
      public: true,
      baseUrl: 'http://tray.test',
      maxRetries: 0,
      // A server that, unlike Tray, answers a read with the credentials.
      fetch: async (input, init) => {
        const response = await mock.fetch(input, init)
        if (new Request(input, init).method !== 'GET' || response.status !== 200) return response
        const body = { ...((await response.json()) as object), credentials: { token: 'xoxb-1' } }
        return new Response(JSON.stringify(body), { headers: response.headers })
      },
      authentications: { owns: () => true },
    })
    const created = await handler.request('/core/v1/authentications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(AUTHENTICATION),
    })
    const { id } = (await created.json()) as { id: string }
    const read = await handler.request(`/core/v1/authentications/${id}`)
    expect(read.status).toBe(200)
    const text = await read.text()
    expect(JSON.parse(text)).toMatchObject({ id, name: 'Alice on Slack' })
    expect(text).not.toContain('xoxb-1')
    expect(text).not.toContain('credentials')
  })

  it('records a new authentication even when its creator goes away while Tray creates it', async () => {
    const mock = createMockTray({ tokens: [TOKEN] })
    const caller = new AbortController()
    const created: string[] = []
    const handler = createTrayHandler({
      token: TOKEN,
      public: true,
      baseUrl: 'http://tray.test',
      maxRetries: 0,
      fetch: async (input, init) => {
        const request = new Request(input, init)
        if (request.method === 'POST' && request.url.endsWith('/authentications')) caller.abort()
        return mock.fetch(input, init)
      },
      authentications: {
        owns: () => true,
        onCreate: (_c, authentication) => {
          created.push(authentication.id)
        },
      },
    })
    await Promise.resolve(
      handler.request('/core/v1/authentications', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(AUTHENTICATION),
        signal: caller.signal,
      }),
    ).catch(() => undefined)
    const journal = mock.calls.filter((entry) => entry.route === 'authentications')
    expect(journal.map((entry) => [entry.method, entry.status])).toEqual([['POST', 200]])
    expect(created).toEqual([journal[0]?.authId])
  })

  it('answers a preflight for each authentication route with its methods', async () => {
    const { request, mock } = withOwners()
    const preflight = (path: string) =>
      request(path, {
        method: 'OPTIONS',
        headers: { origin: APP, 'access-control-request-method': 'GET' },
      })
    const list = await preflight('/core/v1/authentications')
    expect(list.status).toBe(204)
    expect(list.headers.get('access-control-allow-methods')).toBe('POST')
    const one = await preflight(`/core/v1/authentications/${SLACK_ENVIRONMENT_ID}`)
    expect(one.status).toBe(204)
    expect(one.headers.get('access-control-allow-methods')).toBe('GET, DELETE')
    const environments = await preflight(SLACK_ENVIRONMENTS)
    expect(environments.status).toBe(204)
    expect(environments.headers.get('access-control-allow-methods')).toBe('GET')
    expect(mock.calls).toEqual([])
  })

  it('keeps calls without an authId under the allow rules only', async () => {
    const { call, mock } = withOwners()
    const response = await call(SEND_MESSAGE, { 'x-user': 'bob' })
    expect(response.status).toBe(200)
    expect(mock.tasks).toBe(1)
  })
})

describe("catalog: 'allowed'", () => {
  it('lists only connectors with an allowed operation, and only those operations', async () => {
    const { browser } = setup({
      allow: { slack: ['send_message'], 'twilio-output': '*' },
      catalog: 'allowed',
    })
    const names = [...new Set((await browser.listConnectors()).map((c) => c.name))].sort()
    expect(names).toEqual(['slack', 'twilio-output'])
    const slack = await browser.listOperations('slack', '9.1')
    expect(slack.map((op) => op.name)).toEqual(['send_message'])
    const twilio = await browser.listOperations('twilio-output', '2.1')
    expect(twilio.length).toBeGreaterThan(0)
    expect(await browser.listOperations('shopify', '4.1')).toEqual([])
  })

  it('asks an allow predicate per connector version and operation, without a payload', async () => {
    const listing: string[] = []
    const { request, call, mock } = setup({
      allow: (connector, version, operation, c, payload) => {
        if (payload === undefined) listing.push(`${connector}@${version} ${operation}`)
        // slack 9.1's send_message for a signed-in caller; called only without an authId.
        return (
          connector === 'slack' &&
          version === '9.1' &&
          operation === 'send_message' &&
          c.req.header('x-user') !== undefined &&
          payload?.authId === undefined
        )
      },
      catalog: 'allowed',
    })
    type Listed = { elements: { name: string; version?: string }[] }
    const list = async (path: string, headers: Record<string, string> = {}) =>
      ((await (await request(path, { headers })).json()) as Listed).elements
    const ada = { 'x-user': 'ada' }
    expect(await list('/core/v1/connectors')).toEqual([])
    const connectors = await list('/core/v1/connectors', ada)
    expect(connectors.map((c) => `${c.name}@${c.version}`)).toEqual(['slack@9.1'])
    const operations = await list('/core/v1/connectors/slack/versions/9.1/operations', ada)
    expect(operations.map((op) => op.name)).toEqual(['send_message'])
    expect(await list('/core/v1/connectors/slack/versions/9.0/operations', ada)).toEqual([])
    expect(listing).toContain('slack@9.1 send_message')
    expect(listing).toContain('slack@9.0 send_message')
    // A call is asked with its payload: an authId here is refused.
    expect(
      (await call({ ...SEND_MESSAGE, authId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' }, ada)).status,
    ).toBe(403)
    expect((await call(SEND_MESSAGE, ada)).status).toBe(200)
    expect(mock.tasks).toBe(1)
  })

  it("serves Tray's whole catalog by default", async () => {
    const { browser } = setup({ allow: { slack: ['send_message'] } })
    expect((await browser.listConnectors()).length).toBeGreaterThan(2)
    expect((await browser.listOperations('slack', '9.1')).length).toBeGreaterThan(1)
  })
})

describe('checking the new options when the handler is created', () => {
  it("takes catalog: 'allowed' with an allow predicate; refuses malformed authentications", () => {
    expect(() =>
      createTrayHandler({ token: TOKEN, public: true, allow: () => true, catalog: 'allowed' }),
    ).not.toThrow()
    expect(() =>
      // @ts-expect-error: owns is required
      createTrayHandler({ token: TOKEN, public: true, authentications: {} }),
    ).toThrow(/authentications must be/)
    expect(() =>
      // @ts-expect-error: a typo of catalog's values
      createTrayHandler({ token: TOKEN, public: true, catalog: 'allow' }),
    ).toThrow(/catalog must be/)
  })
})
