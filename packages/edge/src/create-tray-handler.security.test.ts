import { createMockTray } from '@traykit/testing'
import { describe, expect, it, vi } from 'vitest'
import { CALL_PATH, SEND_MESSAGE, setup, TOKEN } from './__fixtures__/setup'
import { createTrayHandler } from './create-tray-handler'

const OPERATIONS_PATH = '/core/v1/connectors/slack/versions/9.1/operations'

/** A call body that counts what is pulled from it: an unread body is never pulled. */
function countedBody() {
  const state = { pulled: 0 }
  const bytes = new TextEncoder().encode(JSON.stringify(SEND_MESSAGE))
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulled++
        controller.enqueue(bytes)
        controller.close()
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, state }
}

describe('an unauthorised caller', () => {
  it.each([
    ['GET connectors', '/core/v1/connectors', 'GET'],
    ['GET operations', OPERATIONS_PATH, 'GET'],
    ['POST call', CALL_PATH, 'POST'],
  ])('gets 401 on %s before any upstream work', async (_name, path, method) => {
    const token = vi.fn(() => TOKEN)
    const allow = vi.fn(() => true)
    const { mock, request } = setup({ authorize: () => false, token, allow })
    const { stream, state } = countedBody()
    const response = await request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'POST' && { body: stream, duplex: 'half' }),
    } as RequestInit)

    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      message: 'This request is not authorized to use Tray here',
      code: 'unauthorized',
    })
    expect(mock.calls).toEqual([])
    expect(token).not.toHaveBeenCalled()
    expect(allow).not.toHaveBeenCalled()
    expect(state.pulled).toBe(0)
  })
})

describe('where requests go upstream', () => {
  /** A handler whose every upstream request is recorded: no cache, so reads go through too. */
  function recorded() {
    const mock = createMockTray({ tokens: [TOKEN] })
    const urls: string[] = []
    const handler = createTrayHandler({
      token: TOKEN,
      public: true,
      allow: { slack: ['send_message'] },
      baseUrl: 'http://tray.test',
      cache: false,
      maxRetries: 0,
      fetch: (input, init) => {
        urls.push(input instanceof Request ? input.url : String(input))
        return mock.fetch(input, init)
      },
    })
    return { mock, handler, urls }
  }

  const spoofs: Record<string, string> = {
    host: 'evil.example',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
    'x-forwarded-prefix': '/core/v1/authentications',
    forwarded: 'host=evil.example;proto=https',
    'x-original-url': '/core/v1/authentications',
    'x-rewrite-url': '/core/v1/authentications',
    'x-http-method-override': 'DELETE',
  }

  it('is always baseUrl, whatever Host and forwarding headers say', async () => {
    const { handler, urls } = recorded()
    const json = { 'content-type': 'application/json' }
    const answers = [
      await handler.request('/core/v1/connectors', { headers: spoofs }),
      await handler.request(OPERATIONS_PATH, { headers: spoofs }),
      await handler.request(CALL_PATH, {
        method: 'POST',
        headers: { ...spoofs, ...json },
        body: JSON.stringify(SEND_MESSAGE),
      }),
    ]
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200])
    expect(urls).toEqual([
      'http://tray.test/core/v1/connectors',
      'http://tray.test/core/v1/connectors/slack/versions/9.1/operations',
      'http://tray.test/core/v1/connectors/slack/versions/9.1/operations',
      'http://tray.test/core/v1/connectors/slack/versions/9.1/call',
    ])
  })

  it("ignores the request URL's own origin, such as an absolute-form request target", async () => {
    const { handler, urls } = recorded()
    const response = await handler.request('http://evil.example:8080/core/v1/connectors')
    expect(response.status).toBe(200)
    expect(urls).toEqual(['http://tray.test/core/v1/connectors'])
  })

  it.each<[string, string[]]>([
    ['//evil.example/core/v1/connectors', []],
    ['/core/v1//connectors', []],
    ['/core/v1/connectors/slack/versions/9.1/..%2F..%2F..%2Fauthentications', []],
    [
      '/core/v1/connectors/..%2F..%2F..%2Fevil/versions/1/operations',
      ['http://tray.test/core/v1/connectors/..%2F..%2F..%2Fevil/versions/1/operations'],
    ],
    [
      '/core/v1/connectors/%2F%2Fevil.example/versions/1/operations',
      ['http://tray.test/core/v1/connectors/%2F%2Fevil.example/versions/1/operations'],
    ],
  ])('keeps %s on baseUrl, each part inside its own segment', async (path, upstream) => {
    const { handler, urls } = recorded()
    const response = await handler.request(path)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ message: expect.any(String) })
    expect(urls).toEqual(upstream)
  })
})
