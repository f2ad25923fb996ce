import { createTrayClient, TrayApiError, TrayPermissionError } from '@traykit/core'
import { describe, expect, it } from 'vitest'
import { createBrowserUiApp } from '../src/app.js'

const token = 'browser-ui-test-token-5f0c6d1e'

describe("the browser example's server", () => {
  it('serves the page and its script, never the token', async () => {
    const { app } = createBrowserUiApp({ token, pageScript: 'console.log("page")' })
    const html = await (await app.request('/')).text()
    expect(html).toContain('<main id="app"')
    expect(html).toContain('<script type="module" src="/page.js"></script>')
    const script = await app.request('/page.js')
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await script.text()).toBe('console.log("page")')
    expect(html).not.toContain(token)
  })

  it('says how to build the page when it is not built', async () => {
    const { app } = createBrowserUiApp({ token, pageScript: undefined })
    expect(await (await app.request('/')).text()).toContain('pnpm run build')
    const script = await app.request('/page.js')
    expect(script.status).toBe(404)
    expect(await script.text()).toBe('Build the page first: pnpm run build')
  })

  it('serves Tray at /tray to a client without a token, and only the allowed operations', async () => {
    const { app, mock } = createBrowserUiApp({ token, pageScript: undefined })
    const tray = createTrayClient({
      baseUrl: 'http://localhost/tray',
      token: null,
      fetch: async (input, init) => app.fetch(new Request(input, init)),
    })
    expect((await tray.listConnectors()).map((c) => c.name)).toContain('slack')
    const output = await tray.callConnector('slack', '9.1', {
      operation: 'send_message',
      input: { channel: 'C0000GENERAL', text: 'hi' },
    })
    expect(output).toMatchObject({ ok: true, channel: 'C0000GENERAL' })
    await expect(
      tray.callConnector('slack', '9.1', {
        operation: 'list_users_and_conversations_ddl',
        input: {},
      }),
    ).rejects.toBeInstanceOf(TrayPermissionError)
    expect(mock.calls.filter((c) => c.path.endsWith('/call'))).toHaveLength(1)
  })

  it('lets a visitor use only the authentications created through it', async () => {
    const { app, mock } = createBrowserUiApp({ token, pageScript: undefined })
    const tray = createTrayClient({
      baseUrl: 'http://localhost/tray',
      token: null,
      fetch: async (input, init) => app.fetch(new Request(input, init)),
    })
    const [environment] = await tray.listServiceEnvironments('slack', 4)
    const { id } = await tray.createAuthentication({
      name: 'Ada',
      serviceEnvironmentId: environment?.id ?? '',
    })
    const message = { operation: 'send_message', input: { channel: 'C0000GENERAL', text: 'hi' } }
    await tray.callConnector('slack', '9.1', { ...message, authId: id })
    // An authentication of the same Tray token, not created here: refused before Tray.
    const other = (await mock
      .fetch('http://tray.test/core/v1/authentications', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bob', serviceEnvironmentId: environment?.id }),
      })
      .then((r) => r.json())) as { id: string }
    await expect(
      tray.callConnector('slack', '9.1', { ...message, authId: other.id }),
    ).rejects.toBeInstanceOf(TrayPermissionError)
    // Nor can it be read: the handler answers without asking Tray.
    await expect(tray.getAuthentication(other.id)).rejects.toBeInstanceOf(TrayApiError)
    expect(mock.calls.filter((c) => c.authId === other.id).map((c) => c.method)).toEqual(['POST'])
    expect(mock.calls.filter((c) => c.path.endsWith('/call')).map((c) => c.authId)).toEqual([id])
  })
})
