import { createMemoryStore } from '@traykit/core'
import type { Context } from 'hono'
import { describe, expect, it, vi } from 'vitest'
import { SEND_MESSAGE, setup, TOKEN, upstreamCount } from './__fixtures__/setup'

type WorkerEnv = { Bindings: { TRAY_TOKEN: string } }

describe('per-request tokens', () => {
  it('reads the token from the request env, as on Workers', async () => {
    const { mock, request } = setup<WorkerEnv>({ token: (c) => c.env.TRAY_TOKEN })
    const response = await request('/core/v1/connectors', {}, { TRAY_TOKEN: TOKEN })
    expect(response.status).toBe(200)
    const wrong = await request('/core/v1/connectors', {}, { TRAY_TOKEN: 'revoked' })
    // Tray's own 401 for the server's bad token passes through.
    expect(wrong.status).toBe(401)
    expect(upstreamCount(mock, 'connectors')).toBe(2)
  })

  it("calls with each caller's own user token, and caches each token's catalog apart", async () => {
    const tokens = { ada: 'user-token-ada-1', bob: 'user-token-bob-2' }
    const seen: (string | null)[] = []
    const { mock, request, call } = setup(
      { token: (c: Context) => tokens[c.req.header('x-user') as keyof typeof tokens] },
      { tokens: Object.values(tokens) },
    )
    mock.handle('slack', 'send_message', (_input, ctx) => {
      seen.push(ctx.request.headers.get('authorization'))
      return { ok: true }
    })

    for (const user of ['ada', 'bob', 'ada', 'bob']) {
      expect((await request('/core/v1/connectors', { headers: { 'x-user': user } })).status).toBe(
        200,
      )
    }
    await call(SEND_MESSAGE, { 'x-user': 'bob' })
    await call(SEND_MESSAGE, { 'x-user': 'ada' })

    expect(upstreamCount(mock, 'connectors')).toBe(2)
    expect(seen).toEqual([`Bearer ${tokens.bob}`, `Bearer ${tokens.ada}`])
  })

  it('is looked up only once every local check has passed', async () => {
    const token = vi.fn(() => TOKEN)
    const { call } = setup({
      token,
      authorize: (c) => c.req.header('x-user') === 'ada',
      allow: { slack: ['send_message'] },
    })
    await call(SEND_MESSAGE)
    await call('{', { 'x-user': 'ada' })
    await call({ operation: 'list_channels_ddl', input: {} }, { 'x-user': 'ada' })
    expect(token).not.toHaveBeenCalled()
    await call(SEND_MESSAGE, { 'x-user': 'ada' })
    expect(token).toHaveBeenCalledOnce()
  })
})

describe('the catalog cache', () => {
  it('serves repeated reads from memory by default', async () => {
    const { mock, browser } = setup()
    await browser.listConnectors()
    await browser.listConnectors()
    await browser.listOperations('slack', '9.1')
    await browser.callConnector('slack', '9.1', SEND_MESSAGE)
    expect(upstreamCount(mock, 'connectors')).toBe(1)
    expect(upstreamCount(mock, 'operations')).toBe(1)
  })

  it('uses the store it is given, and core lifetimes', async () => {
    const store = createMemoryStore()
    const set = vi.spyOn(store, 'set')
    const { request } = setup({ cache: { store, connectorsTtlMs: 1234 } })
    await request('/core/v1/connectors')
    expect(set).toHaveBeenCalledWith(expect.stringMatching(/:connectors$/), expect.any(Array), 1234)
    expect(JSON.stringify(set.mock.calls)).not.toContain(TOKEN)
  })

  it('reads through every time with cache: false', async () => {
    const { mock, request } = setup({ cache: false })
    await request('/core/v1/connectors')
    await request('/core/v1/connectors')
    expect(upstreamCount(mock, 'connectors')).toBe(2)
  })
})
