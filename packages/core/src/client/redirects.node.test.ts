import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { TrayResponseError } from '../errors/tray-transport-errors'
import { createTrayClient } from './create-tray-client'

const TOKEN = 'redirect-test-token-Qm7x'
const PAYLOAD = { operation: 'send_message', input: { channel: 'C1', text: 'hi' } }

/** A server that counts what reaches it and answers with `answer`. */
function server(answer: (path: string) => { status: number; headers?: Record<string, string> }) {
  const hits: Array<{ method: string; path: string; authorization: string | undefined }> = []
  const http: Server = createServer((req, res) => {
    hits.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
    })
    req.resume()
    req.on('end', () => {
      const { status, headers } = answer(req.url ?? '')
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end('{"elements":[]}')
    })
  })
  return {
    hits,
    start: () => new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve)),
    stop: () => new Promise<void>((resolve) => http.close(() => resolve())),
    get origin() {
      return `http://127.0.0.1:${(http.address() as AddressInfo).port}`
    },
  }
}

// Where a redirect would lead: a different origin, so following it would hand over the token.
const elsewhere = server(() => ({ status: 200 }))
let status = 307
const tray = server(() => ({ status, headers: { location: `${elsewhere.origin}/stolen` } }))

beforeAll(async () => {
  await Promise.all([elsewhere.start(), tray.start()])
})
afterAll(async () => {
  await Promise.all([elsewhere.stop(), tray.stop()])
})
afterEach(() => {
  tray.hits.length = 0
  elsewhere.hits.length = 0
  vi.unstubAllGlobals()
})

describe('redirects are never followed (Node fetch)', () => {
  const client = () =>
    createTrayClient({ token: TOKEN, baseUrl: tray.origin, maxRetries: 2, cache: false })

  it.each([301, 302, 303, 307, 308])('a read answered %i fails once, not retried', async (code) => {
    status = code
    const error = await client()
      .listConnectors()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayResponseError)
    expect((error as Error).message).toMatch(
      /^Tray answered GET http:\/\/127\.0\.0\.1:\d+\/core\/v1\/connectors with a redirect, which traykit does not follow: the token is only sent to http:\/\/127\.0\.0\.1:\d+$/,
    )
    expect(tray.hits).toHaveLength(1)
    expect(elsewhere.hits).toEqual([])
  })

  it('a call answered 307 is sent once, and never to the redirect target', async () => {
    status = 307
    const error = await client()
      .callConnector('slack', '9.1', PAYLOAD, { validate: false, idempotent: true })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayResponseError)
    expect((error as Error).message).toContain('a call is not sent again')
    expect(String(error)).not.toContain(TOKEN)
    expect(tray.hits.map((h) => h.method)).toEqual(['POST'])
    expect(elsewhere.hits).toEqual([])
  })

  it('asks fetch to refuse redirects itself, so undici keeps no copy of the body', async () => {
    status = 200
    const inits: RequestInit[] = []
    const recording: typeof fetch = (input, init) => {
      if (init) inits.push(init)
      return fetch(input, init)
    }
    await createTrayClient({
      token: TOKEN,
      baseUrl: tray.origin,
      fetch: recording,
    }).listConnectors()
    expect(inits[0]).toMatchObject({ redirect: 'error', window: null })
  })
})

describe('where fetch only knows "manual" (workerd)', () => {
  /** workerd's Request refuses `redirect: "error"`, and says why. */
  class WorkerdRequest extends Request {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      if (init?.redirect === 'error') {
        throw new TypeError('Invalid redirect value, must be one of "follow" or "manual"')
      }
      super(input, init)
    }
  }

  it('sends redirect: "manual" and turns the 3xx answer into an error naming where it led', async () => {
    vi.stubGlobal('Request', WorkerdRequest)
    const inits: RequestInit[] = []
    const manual: typeof fetch = async (_input, init) => {
      if (init) inits.push(init)
      return new Response(null, {
        status: 308,
        headers: { location: `https://elsewhere.example/x?leak=${TOKEN}` },
      })
    }
    const error = await createTrayClient({ token: TOKEN, fetch: manual, maxRetries: 2 })
      .callConnector('slack', '9.1', PAYLOAD, { validate: false })
      .catch((e: unknown) => e)
    expect(inits).toHaveLength(1)
    expect(inits[0]?.redirect).toBe('manual')
    expect(error).toBeInstanceOf(TrayResponseError)
    expect(error).toMatchObject({ status: 308, path: '' })
    expect((error as Error).message).toBe(
      'Tray answered POST https://api.tray.io/core/v1/connectors/slack/versions/9.1/call 308 (a redirect to https://elsewhere.example/x?leak=[redacted]), which traykit does not follow: the token is only sent to https://api.tray.io, and a call is not sent again',
    )
  })
})
