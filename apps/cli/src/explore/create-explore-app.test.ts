import { randomBytes } from 'node:crypto'
import { createMockTray } from '@traykit/testing'
import { describe, expect, it } from 'vitest'
import { API_PREFIX, createExploreApp, createExploreSecret } from './create-explore-app'

const ORIGIN = 'http://127.0.0.1:4000'

function setup() {
  const token = `tray-${randomBytes(24).toString('base64url')}`
  const secret = createExploreSecret()
  const mock = createMockTray({ tokens: [token] })
  const app = createExploreApp({
    token,
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    secret,
    script: 'console.log("</script><!-- page")',
    config: { mock: true, server: 'the mock', apiPrefix: API_PREFIX, authentications: [] },
  })
  const send = (path: string, init: RequestInit & { host?: string } = {}) => {
    const headers = new Headers(init.headers)
    headers.set('host', init.host ?? '127.0.0.1:4000')
    return app(new Request(`${ORIGIN}${path}`, { ...init, headers }))
  }
  return { token, secret, mock, send }
}

describe('createExploreApp', () => {
  it('serves the page only with the secret, its style and script inline under a nonce', async () => {
    const { secret, token, send } = setup()
    const refused = await send('/')
    expect(refused.status).toBe(401)
    expect(await refused.text()).not.toContain('<script')
    expect((await send(`/?secret=${createExploreSecret()}`)).status).toBe(401)

    const page = await send(`/?secret=${secret}`)
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain("connect-src 'self'")
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await page.text()
    expect(html).toContain(`<script nonce="${nonce}">`)
    // The script's own `</script` and `<!--` cannot end or confuse the element holding it.
    expect(html).toContain('console.log("<\\/script><\\!-- page")')
    expect(html).not.toContain(token)
  })

  it('answers the API only to the secret as bearer, and never with the token', async () => {
    const { secret, token, send, mock } = setup()
    const without = await send(`${API_PREFIX}/core/v1/connectors`)
    expect(without.status).toBe(401)
    const asQuery = await send(`${API_PREFIX}/core/v1/connectors?secret=${secret}`)
    expect(asQuery.status).toBe(401)
    expect(mock.calls).toEqual([])
    const listed = await send(`${API_PREFIX}/core/v1/connectors`, {
      headers: { authorization: `Bearer ${secret}` },
    })
    expect(listed.status).toBe(200)
    const text = await listed.text()
    expect(text).toContain('"slack"')
    expect(text).not.toContain(token)
  })

  it('runs a call through the edge handler: validated first, billed once', async () => {
    const { secret, send, mock } = setup()
    const call = (input: object) =>
      send(`${API_PREFIX}/core/v1/connectors/slack/versions/9.1/call`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ operation: 'send_message', input }),
      })
    expect((await call({ text: 'no channel' })).status).toBe(400)
    expect(mock.tasks).toBe(0)
    const ok = await call({ channel: 'C0000GENERAL', text: 'hi' })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ outcome: 'success', output: { ok: true } })
    expect(mock.tasks).toBe(1)
  })

  it('refuses other host names (DNS rebinding) and other sites, before the secret is checked', async () => {
    const { secret, send, mock } = setup()
    const bearer = { authorization: `Bearer ${secret}` }
    for (const host of ['evil.example:4000', 'tray.localhost.evil.example', '']) {
      const page = await send(`/?secret=${secret}`, { host })
      expect(page.status).toBe(403)
      expect(await page.text()).not.toContain('<script')
      expect(
        (await send(`${API_PREFIX}/core/v1/connectors`, { host, headers: bearer })).status,
      ).toBe(403)
    }
    expect((await send(`/?secret=${secret}`, { host: 'localhost:4000' })).status).toBe(200)
    const foreign = await send(`${API_PREFIX}/core/v1/connectors`, {
      headers: { ...bearer, origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(403)
    const crossSite = await send(`${API_PREFIX}/core/v1/connectors`, {
      headers: { ...bearer, 'sec-fetch-site': 'cross-site' },
    })
    expect(crossSite.status).toBe(403)
    const sameOrigin = await send(`${API_PREFIX}/core/v1/connectors`, {
      headers: { ...bearer, origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
    })
    expect(sameOrigin.status).toBe(200)
    expect(mock.calls.filter((c) => c.route !== 'unknown')).toHaveLength(1)
  })
})
