import { serve } from '@hono/node-server'
import { describe, expect, it, vi } from 'vitest'
import { CALL_PATH, SEND_MESSAGE, setup } from './__fixtures__/setup'

const APP = 'https://app.example.com'
const EVIL = 'https://evil.example'
/** Where `app.request` sends requests: the handler's own origin in these tests. */
const OWN = 'http://localhost'

type Headers = Record<string, string>

/** A cookie-signed-in caller: `authorize` accepts the cookie, whatever site sent it. */
function cookieHandler(cors?: { origins: string[] }) {
  const authorize = vi.fn((c: { req: { header(name: string): string | undefined } }) =>
    (c.req.header('cookie') ?? '').includes('session=ok'),
  )
  const target = setup({ authorize, ...(cors && { cors }) })
  const send = (path: string, headers: Headers) =>
    path === CALL_PATH
      ? target.call(SEND_MESSAGE, { cookie: 'session=ok', ...headers })
      : target.request(path, { headers: { cookie: 'session=ok', ...headers } })
  return { ...target, authorize, send }
}

const PATHS = [
  '/core/v1/connectors',
  '/core/v1/connectors/slack/versions/9.1/operations',
  CALL_PATH,
]

describe('with cors configured', () => {
  it.each<[string, Headers]>([
    ['an unlisted Origin', { origin: EVIL }],
    [
      'an unlisted Origin, same-site',
      { origin: 'https://other.example.com', 'sec-fetch-site': 'same-site' },
    ],
    ['an unlisted Origin, cross-site', { origin: EVIL, 'sec-fetch-site': 'cross-site' }],
    ['a cross-site request without Origin', { 'sec-fetch-site': 'cross-site' }],
    ['the Origin "null" (a sandboxed frame)', { origin: 'null' }],
  ])('refuses %s before authorize or Tray', async (_name, headers) => {
    for (const path of PATHS) {
      const { mock, authorize, send } = cookieHandler({ origins: [APP] })
      const response = await send(path, headers)
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual({
        message: 'Requests from this origin may not use this handler',
        code: 'origin_not_allowed',
      })
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
      expect(authorize).not.toHaveBeenCalled()
      expect(mock.calls).toEqual([])
    }
  })

  it.each<[string, Headers]>([
    ['a listed Origin, cross-site', { origin: APP, 'sec-fetch-site': 'cross-site' }],
    ['a listed Origin, no Sec-Fetch-Site', { origin: APP }],
    [
      'same-origin, its Origin unlisted',
      { origin: 'https://tray.example.com', 'sec-fetch-site': 'same-origin' },
    ],
    ['the address bar', { 'sec-fetch-site': 'none' }],
    ['its own Origin, no Sec-Fetch-Site', { origin: OWN }],
    ['no Origin and no Sec-Fetch-Site (a server, curl)', {}],
  ])('serves %s', async (_name, headers) => {
    for (const path of PATHS) {
      const { authorize, send } = cookieHandler({ origins: [APP] })
      const response = await send(path, headers)
      expect(response.status, await response.clone().text()).toBe(200)
      expect(authorize).toHaveBeenCalledOnce()
    }
  })
})

describe('without cors', () => {
  it.each<[string, Headers]>([
    ['cross-site', { origin: EVIL, 'sec-fetch-site': 'cross-site' }],
    ['cross-site, without Origin (an <img> or a link)', { 'sec-fetch-site': 'cross-site' }],
    [
      'same-site (a sibling subdomain)',
      { origin: 'https://other.example.com', 'sec-fetch-site': 'same-site' },
    ],
  ])('refuses a browser request from another site: %s', async (_name, headers) => {
    for (const path of PATHS) {
      const { mock, authorize, send } = cookieHandler()
      const response = await send(path, headers)
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ code: 'origin_not_allowed' })
      expect(authorize).not.toHaveBeenCalled()
      expect(mock.calls).toEqual([])
    }
  })

  it.each<[string, Headers]>([
    ['same-origin', { origin: APP, 'sec-fetch-site': 'same-origin' }],
    ['the address bar', { 'sec-fetch-site': 'none' }],
    ['an Origin without Sec-Fetch-Site (an older browser behind a proxy)', { origin: APP }],
    ['no browser headers at all', {}],
  ])('serves %s', async (_name, headers) => {
    const { send } = cookieHandler()
    for (const path of PATHS) expect((await send(path, headers)).status).toBe(200)
  })
})

describe('over real HTTP', () => {
  it('refuses a cross-site browser call and serves a same-origin one', async () => {
    const { app, mock } = setup({ cors: { origins: [APP] } })
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
    })
    try {
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('no port')
      const url = `http://127.0.0.1:${address.port}/tray${CALL_PATH}`
      const post = (headers: Headers) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(SEND_MESSAGE),
        })
      const refused = await post({ origin: EVIL, 'sec-fetch-site': 'cross-site' })
      expect(refused.status).toBe(403)
      expect(await refused.json()).toMatchObject({ code: 'origin_not_allowed' })
      expect(mock.calls).toEqual([])
      const served = await post({ origin: APP, 'sec-fetch-site': 'cross-site' })
      expect(served.status).toBe(200)
      expect(mock.tasks).toBe(1)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
