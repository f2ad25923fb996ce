import { createMockTray } from '@traykit/testing'
import { describe, expect, it, vi } from 'vitest'
import { CALL_PATH, SEND_MESSAGE, TOKEN } from './__fixtures__/setup'
import { createTrayHandler } from './create-tray-handler'

const OPERATIONS_PATH = '/core/v1/connectors/slack/versions/9.1/operations'

/**
 * A handler whose upstream reads hang until their signal aborts, so a test can see whether a
 * caller leaving cancels them. `started` resolves once the first upstream request is in flight.
 */
function hangingUpstream() {
  const mock = createMockTray({ tokens: [TOKEN] })
  const upstream: { url: string; signal: AbortSignal | undefined }[] = []
  let markStarted: () => void = () => {}
  const started = new Promise<void>((resolve) => {
    markStarted = resolve
  })
  const onError = vi.fn()
  const handler = createTrayHandler({
    token: TOKEN,
    public: true,
    allow: { slack: ['send_message'] },
    baseUrl: 'http://tray.test',
    maxRetries: 0,
    // Without the caller's signal, only this would end a hanging read (a 504, not a 499).
    timeout: 5_000,
    onError,
    fetch: (input, init) => {
      const request = new Request(input, init)
      const signal = init?.signal ?? undefined
      upstream.push({ url: request.url, signal })
      if (request.url.endsWith('/call')) return mock.fetch(input, init)
      markStarted()
      return new Promise<Response>((_resolve, reject) => {
        if (!signal) return
        signal.addEventListener('abort', () => reject(signal.reason), { once: true })
      })
    },
  })
  return { mock, handler, upstream, started, onError }
}

describe('a caller that goes away', () => {
  it.each([
    ['the connector list', '/core/v1/connectors', { method: 'GET' }],
    ['an operations read', OPERATIONS_PATH, { method: 'GET' }],
    [
      "a call's operation read",
      CALL_PATH,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(SEND_MESSAGE),
      },
    ],
  ])('cancels %s upstream, and nothing is billed', async (_name, path, init) => {
    const { mock, handler, upstream, started, onError } = hangingUpstream()
    const caller = new AbortController()
    const answer = handler.request(path, { ...init, signal: caller.signal })
    await started
    expect(upstream).toHaveLength(1)
    expect(upstream[0]?.signal?.aborted).toBe(false)

    caller.abort()
    const response = await answer
    expect(upstream[0]?.signal?.aborted).toBe(true)
    expect(response.status).toBe(499)
    expect(await response.json()).toMatchObject({ code: 'client_closed_request' })
    // Not a failure of the server's: nothing for the error log.
    expect(onError).not.toHaveBeenCalled()
    expect(upstream.filter((u) => u.url.endsWith('/call'))).toEqual([])
    expect(mock.tasks).toBe(0)
  })

  it('starts nothing upstream for a request abandoned before it is served', async () => {
    const { handler, upstream } = hangingUpstream()
    const response = await handler.request('/core/v1/connectors', {
      signal: AbortSignal.abort(),
    })
    expect(response.status).toBe(499)
    expect(upstream).toEqual([])
  })
})
