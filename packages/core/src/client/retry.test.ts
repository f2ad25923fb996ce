import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TrayRateLimitError } from '../errors/tray-api-error'
// The root client: these tests go through its (deprecated) admin methods too.
import { createTrayClient } from '../index'
import { AUTH_ID, CONNECTORS, type Step, scriptedFetch, TOKEN } from './__fixtures__/scripted-fetch'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const ok = { status: 200, body: CONNECTORS }
const callOk = { status: 200, body: { outcome: 'success', output: { ok: true } } }

type Kind = 'read' | 'call' | 'idempotent call' | 'create auth' | 'delete auth'

function run(kind: Kind, steps: Step[]) {
  const server = scriptedFetch(...steps)
  const tray = createTrayClient({ token: TOKEN, fetch: server.fetch, timeout: 1000, cache: false })
  const send = (): Promise<unknown> => {
    switch (kind) {
      case 'read':
        return tray.listConnectors()
      case 'call':
      case 'idempotent call':
        return tray.callConnector(
          'slack',
          '9.1',
          { operation: 'send_message', input: { message: 'hi' }, authId: AUTH_ID },
          { validate: false, idempotent: kind === 'idempotent call' },
        )
      case 'create auth':
        return tray.createAuthentication({ name: 'a', serviceEnvironmentId: 'env' })
      case 'delete auth':
        return tray.deleteAuthentication(AUTH_ID)
    }
  }
  return { server, send }
}

function outcomeOf(promise: Promise<unknown>) {
  return promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  )
}

async function settle(promise: Promise<unknown>) {
  const outcome = outcomeOf(promise)
  await vi.runAllTimersAsync()
  return outcome
}

// The retry rule of the core README, case by case. With maxRetries 2, "retried" means 3
// requests in all, "not retried" means 1.
const table: Array<[Kind, string, Step, number, string]> = [
  ['read', '500', { status: 500, body: { message: 'boom' } }, 3, 'TrayServerError'],
  ['read', '503 without a body', { status: 503 }, 3, 'TrayServerError'],
  ['read', '429', { status: 429, body: { message: 'slow down' } }, 3, 'TrayRateLimitError'],
  ['read', 'timeout', { stall: 'headers' }, 3, 'TrayTimeoutError'],
  ['read', 'body stalls past the timeout', { stall: 'body' }, 3, 'TrayTimeoutError'],
  ['read', 'connection refused', { networkError: 'ECONNREFUSED' }, 3, 'TrayConnectionError'],
  ['read', 'connection reset', { networkError: 'ECONNRESET' }, 3, 'TrayConnectionError'],
  ['read', '400', { status: 400, body: { message: 'bad' } }, 1, 'TrayBadRequestError'],
  [
    'read',
    '401',
    { status: 401, body: { message: 'The request is unauthorized' } },
    1,
    'TrayAuthenticationError',
  ],
  ['read', '403', { status: 403, body: { message: 'no' } }, 1, 'TrayPermissionError'],
  ['read', '404', { status: 404, body: { message: 'none' } }, 1, 'TrayNotFoundError'],
  ['call', '429', { status: 429, body: { message: 'slow down' } }, 3, 'TrayRateLimitError'],
  [
    'call',
    'connection refused (never sent)',
    { networkError: 'ECONNREFUSED' },
    3,
    'TrayConnectionError',
  ],
  ['call', 'DNS failure (never sent)', { networkError: 'ENOTFOUND' }, 3, 'TrayConnectionError'],
  ['call', '500', { status: 500, body: { message: 'boom' } }, 1, 'TrayServerError'],
  ['call', '502', { status: 502 }, 1, 'TrayServerError'],
  ['call', 'timeout', { stall: 'headers' }, 1, 'TrayTimeoutError'],
  ['call', 'body stalls past the timeout', { stall: 'body' }, 1, 'TrayTimeoutError'],
  ['call', 'connection reset', { networkError: 'ECONNRESET' }, 1, 'TrayConnectionError'],
  ['call', 'unknown network failure', { networkError: 'UND_ERR_SOCKET' }, 1, 'TrayConnectionError'],
  ['idempotent call', '500', { status: 500, body: { message: 'boom' } }, 3, 'TrayServerError'],
  ['idempotent call', 'timeout', { stall: 'headers' }, 3, 'TrayTimeoutError'],
  ['idempotent call', 'connection reset', { networkError: 'ECONNRESET' }, 3, 'TrayConnectionError'],
  ['create auth', '500', { status: 500, body: { message: 'boom' } }, 1, 'TrayServerError'],
  ['create auth', '429', { status: 429, body: { message: 'slow down' } }, 3, 'TrayRateLimitError'],
  ['delete auth', '500', { status: 500, body: { message: 'boom' } }, 1, 'TrayServerError'],
]

describe('the retry rule', () => {
  for (const [kind, failure, step, requests, errorName] of table) {
    it(`${kind} after ${failure}: ${requests === 1 ? 'not retried' : 'retried'}`, async () => {
      const { server, send } = run(kind, [step])
      const { error } = await settle(send())
      expect((error as Error)?.name).toBe(errorName)
      expect(server.requests).toHaveLength(requests)
    })
  }

  it('a read that fails once and then succeeds returns the answer', async () => {
    const { server, send } = run('read', [{ status: 500 }, ok])
    const { value } = await settle(send())
    expect(value).toHaveLength(4)
    expect(server.requests).toHaveLength(2)
  })

  it('a call that gets a 429 and then runs returns its output, sent twice', async () => {
    const { server, send } = run('call', [{ status: 429 }, callOk])
    const { value } = await settle(send())
    expect(value).toEqual({ ok: true })
    expect(server.requests).toHaveLength(2)
  })

  it('maxRetries: 0 sends once', async () => {
    const server = scriptedFetch({ status: 500 })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      maxRetries: 0,
      cache: false,
    })
    await settle(tray.listConnectors())
    expect(server.requests).toHaveLength(1)
  })
})

describe('Retry-After', () => {
  it('waits the seconds the server asks for before retrying', async () => {
    const { server, send } = run('read', [{ status: 429, headers: { 'retry-after': '3' } }, ok])
    const pending = outcomeOf(send())
    await vi.advanceTimersByTimeAsync(2999)
    expect(server.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.requests).toHaveLength(2)
    expect((await pending).value).toHaveLength(4)
  })

  it('reads an HTTP date', async () => {
    const at = new Date(Date.now() + 5000).toUTCString()
    const { server, send } = run('read', [{ status: 429, headers: { 'retry-after': at } }, ok])
    const pending = outcomeOf(send())
    await vi.advanceTimersByTimeAsync(3000)
    expect(server.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(2000)
    expect(server.requests).toHaveLength(2)
    await pending
  })

  it('gives up at once, with the wait on the error, when asked to wait longer than a minute', async () => {
    const { server, send } = run('read', [{ status: 429, headers: { 'retry-after': '120' } }])
    const { error } = await settle(send())
    expect(error).toBeInstanceOf(TrayRateLimitError)
    expect((error as TrayRateLimitError).retryAfterMs).toBe(120_000)
    expect(server.requests).toHaveLength(1)
  })

  it.each([
    [0, [250, 500]],
    [1, [500, 1000]],
  ])('backs off exponentially with jitter (random %s waits %j ms)', async (random, waits) => {
    vi.spyOn(Math, 'random').mockReturnValue(random)
    const { server, send } = run('read', [{ status: 503 }])
    const pending = outcomeOf(send())
    for (const [i, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1)
      expect(server.requests).toHaveLength(i + 1)
      await vi.advanceTimersByTimeAsync(1)
      expect(server.requests).toHaveLength(i + 2)
    }
    await pending
    vi.restoreAllMocks()
  })
})
