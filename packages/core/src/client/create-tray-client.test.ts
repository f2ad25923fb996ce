import { describe, expect, it, vi } from 'vitest'
import { TrayNotFoundError } from '../errors/tray-api-error'
import { TrayConnectorError } from '../errors/tray-connector-error'
import { TrayError } from '../errors/tray-error'
import { TrayAbortError, TrayResponseError } from '../errors/tray-transport-errors'
import { TrayValidationError } from '../errors/tray-validation-error'
import {
  AUTH_ID,
  CONNECTORS,
  OPERATIONS,
  type Step,
  scriptedFetch,
  TOKEN,
} from './__fixtures__/scripted-fetch'
import { createMemoryStore } from './cache-store'
import { createTrayClient } from './create-tray-client'

function client(steps: Step[], options: Parameters<typeof createTrayClient>[0] = {}) {
  const server = scriptedFetch(...steps)
  return { server, tray: createTrayClient({ token: TOKEN, fetch: server.fetch, ...options }) }
}

describe('hosts', () => {
  it.each([
    [undefined, 'https://api.tray.io'],
    ['us', 'https://api.tray.io'],
    ['eu1', 'https://api.eu1.tray.io'],
    ['ap1', 'https://api.ap1.tray.io'],
  ] as const)('region %s talks to %s', async (region, host) => {
    const { server, tray } = client([{ status: 200, body: CONNECTORS }], { region })
    await tray.listConnectors()
    expect(server.requests[0]?.url).toBe(`${host}/core/v1/connectors`)
  })

  it('baseUrl overrides the region and keeps its path prefix', async () => {
    const { server, tray } = client([{ status: 200, body: CONNECTORS }], {
      region: 'eu1',
      baseUrl: 'http://localhost:8787/api/tray/',
    })
    await tray.listConnectors()
    expect(server.requests[0]?.url).toBe('http://localhost:8787/api/tray/core/v1/connectors')
  })

  it('refuses an unknown region or a baseUrl that is not http(s)', () => {
    expect(() => createTrayClient({ region: 'eu' as 'eu1' })).toThrow(
      /region must be one of us, eu1, ap1/,
    )
    expect(() => createTrayClient({ baseUrl: 'ftp://x' })).toThrow(/http or https/)
    expect(() => createTrayClient({ baseUrl: 'not a url' })).toThrow(/not a URL/)
  })

  it('sends the bearer token, JSON accept, user agent and extra headers', async () => {
    const { server, tray } = client([{ status: 200, body: CONNECTORS }], {
      userAgent: 'my-app/1.0',
      headers: { 'X-Team': 'growth' },
    })
    await tray.listConnectors()
    expect(server.requests[0]?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/json',
      'user-agent': 'my-app/1.0 traykit',
      'x-team': 'growth',
    })
  })

  it('sends no authorization header without a token (a server in front holds it)', async () => {
    const server = scriptedFetch({ status: 200, body: CONNECTORS })
    const tray = createTrayClient({ baseUrl: 'https://edge.example', fetch: server.fetch })
    await tray.listConnectors()
    expect(server.requests[0]?.headers).not.toHaveProperty('authorization')
  })
})

describe('path parameters', () => {
  it('are percent-encoded, so a name cannot change the path', async () => {
    const { server, tray } = client([{ status: 200, body: OPERATIONS }])
    await tray.listOperations('../../admin', '9.1?x=1#y')
    expect(server.requests[0]?.url).toBe(
      'https://api.tray.io/core/v1/connectors/..%2F..%2Fadmin/versions/9.1%3Fx%3D1%23y/operations',
    )
    expect(new URL(server.requests[0]!.url).pathname.split('/')).toHaveLength(8)
  })

  it('refuses dot segments and empty names without a request', async () => {
    const { server, tray } = client([{ status: 200, body: OPERATIONS }])
    await expect(tray.listOperations('..', '9.1')).rejects.toBeInstanceOf(TrayValidationError)
    await expect(tray.listOperations('slack', '')).rejects.toBeInstanceOf(TrayValidationError)
    expect(server.requests).toHaveLength(0)
  })
})

describe('catalog', () => {
  it('lists a connector versions newest first, compared numerically', async () => {
    const { tray } = client([{ status: 200, body: CONNECTORS }])
    expect((await tray.listConnectorVersions('slack')).map((c) => c.version)).toEqual([
      '10.0',
      '9.1',
      '9.0',
    ])
  })

  it('getConnector without a version is the latest, with one is that one', async () => {
    const { tray } = client([{ status: 200, body: CONNECTORS }])
    expect((await tray.getConnector('slack')).version).toBe('10.0')
    expect((await tray.getConnector('slack', '9.1')).version).toBe('9.1')
  })

  it('getConnector says which versions exist when the one asked for does not', async () => {
    const { tray } = client([{ status: 200, body: CONNECTORS }])
    await expect(tray.getConnector('slack', '8.0')).rejects.toThrow(
      'slack has no version "8.0" (versions: 10.0, 9.1, 9.0)',
    )
    await expect(tray.getConnector('nope')).rejects.toBeInstanceOf(TrayNotFoundError)
  })

  it('getOperation finds one operation and names the miss', async () => {
    const { tray } = client([{ status: 200, body: OPERATIONS }])
    expect((await tray.getOperation('slack', '9.1', 'send_message')).title).toBe('Send Message')
    await expect(tray.getOperation('slack', '9.1', 'nope')).rejects.toThrow(
      'slack@9.1 has no operation "nope"',
    )
  })

  it('serves repeated reads from the cache', async () => {
    const { server, tray } = client([{ status: 200, body: CONNECTORS }])
    await tray.listConnectors()
    await tray.getConnector('slack')
    await tray.listConnectorVersions('twilio-output')
    expect(server.requests).toHaveLength(1)
  })

  it('makes concurrent identical reads share one request', async () => {
    const { server, tray } = client([{ status: 200, body: OPERATIONS }])
    const results = await Promise.all(
      Array.from({ length: 10 }, () => tray.listOperations('slack', '9.1')),
    )
    expect(results.every((r) => r[0]?.name === 'send_message')).toBe(true)
    expect(server.requests).toHaveLength(1)
  })

  it('refreshes the connector list after its TTL, and keeps operations', async () => {
    vi.useFakeTimers()
    try {
      const { server, tray } = client(
        [
          { status: 200, body: CONNECTORS },
          { status: 200, body: OPERATIONS },
          { status: 200, body: CONNECTORS },
        ],
        { cache: { connectorsTtlMs: 1000 } },
      )
      await tray.listConnectors()
      await tray.listOperations('slack', '9.1')
      vi.advanceTimersByTime(1001)
      await tray.listConnectors()
      await tray.listOperations('slack', '9.1')
      expect(server.requests.map((r) => new URL(r.url).pathname)).toEqual([
        '/core/v1/connectors',
        '/core/v1/connectors/slack/versions/9.1/operations',
        '/core/v1/connectors',
      ])
    } finally {
      vi.useRealTimers()
    }
  })

  it('cache: false reads through every time', async () => {
    const { server, tray } = client([{ status: 200, body: CONNECTORS }], { cache: false })
    await tray.listConnectors()
    await tray.listConnectors()
    expect(server.requests).toHaveLength(2)
  })

  it('a shared store never serves one token the catalog of another', async () => {
    const store = createMemoryStore()
    const a = client([{ status: 200, body: CONNECTORS }], { cache: store })
    const b = scriptedFetch({ status: 200, body: { elements: [] } })
    const other = createTrayClient({ token: 'another-token', fetch: b.fetch, cache: store })
    await a.tray.listConnectors()
    expect(await other.listConnectors()).toEqual([])
    expect(b.requests).toHaveLength(1)
    expect(store.size).toBe(2)
  })

  it('a caller mutating a result does not change the cache', async () => {
    const { tray } = client([{ status: 200, body: CONNECTORS }])
    const first = await tray.listConnectors()
    first.length = 0
    expect(await tray.listConnectors()).toHaveLength(4)
  })
})

describe('responses that do not fit', () => {
  it('names the path that failed', async () => {
    const bad = { elements: [{ ...CONNECTORS.elements[0], service: { id: 'x', name: 'slack' } }] }
    const { tray } = client([{ status: 200, body: bad }])
    const error = await tray.listConnectors().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayResponseError)
    expect((error as TrayResponseError).path).toBe('elements.0.service.version')
    expect((error as Error).message).toContain('elements.0.service.version')
  })

  it('says when a body is not JSON', async () => {
    const { tray } = client([{ status: 200, body: '<html>gateway</html>' }])
    await expect(tray.listConnectors()).rejects.toThrow(
      'Tray answered 200 with a body that is not JSON',
    )
  })

  it('says the status when an error body has an empty message', async () => {
    const { tray } = client([{ status: 404, body: { message: ' ', code: '' } }], { maxRetries: 0 })
    const error = await tray.listConnectors().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayNotFoundError)
    expect((error as Error).message).toMatch(/^Tray answered 404/)
  })
})

describe('callConnector', () => {
  const payload = {
    operation: 'send_message',
    input: { channel_id: 'C1', message: 'hi' },
    authId: AUTH_ID,
  }

  it('validates, sends once and returns the output', async () => {
    const { server, tray } = client([
      { status: 200, body: OPERATIONS },
      { status: 200, body: { outcome: 'success', output: { ts: '1.2' } } },
    ])
    expect(await tray.callConnector('slack', '9.1', payload)).toEqual({ ts: '1.2' })
    const call = server.requests[1]!
    expect(call.method).toBe('POST')
    expect(new URL(call.url).pathname).toBe('/core/v1/connectors/slack/versions/9.1/call')
    expect(call.body).toEqual(payload)
    expect(call.headers['content-type']).toBe('application/json')
  })

  it('sends nothing for invalid input, and says what is wrong where', async () => {
    const { server, tray } = client([{ status: 200, body: OPERATIONS }])
    const error = await tray
      .callConnector('slack', '9.1', { operation: 'send_message', input: { message: 'hi' } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayValidationError)
    expect((error as TrayValidationError).issues).toContainEqual({
      path: 'input.channel_id',
      message: expect.stringContaining('channel_id'),
    })
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('sends nothing for input JSON cannot hold: too deep, a BigInt', async () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 20_000; i++) deep = [deep]
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      // The input bounds refuse it before anything walks it.
      [{ channel_id: 'C1', message: 'hi', deep }, /input\.deep(\.0)*: nested more than 128 levels/],
      [{ big: 10n }, /cannot be sent as JSON: .+; nothing was sent/],
    ]
    for (const [input, message] of cases) {
      const { server, tray } = client([])
      const error = await tray
        .callConnector('slack', '9.1', { operation: 'send_message', input }, { validate: false })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TrayValidationError)
      expect((error as Error).message).toMatch(message)
      expect(server.requests).toHaveLength(0)
    }
  })

  it('sends nothing for an unknown operation', async () => {
    const { server, tray } = client([{ status: 200, body: OPERATIONS }])
    await expect(
      tray.callConnector('slack', '9.1', { operation: 'send_mesage', input: {} }),
    ).rejects.toThrow(/slack@9.1 has no operation "send_mesage"/)
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('sends nothing for a malformed payload or authId', async () => {
    const { server, tray } = client([{ status: 200, body: OPERATIONS }])
    const error = await tray
      .callConnector('slack', '9.1', { operation: 'send_message', input: {}, authId: 'not-a-uuid' })
      .catch((e: unknown) => e)
    expect((error as TrayValidationError).issues).toEqual([
      { path: 'authId', message: 'must be a UUID' },
    ])
    await expect(
      tray.callConnector('slack', '9.1', { operation: 'send_message', input: [] as never }),
    ).rejects.toBeInstanceOf(TrayValidationError)
    expect(server.requests).toHaveLength(0)
  })

  it('validate: false skips the schema check and the operations read', async () => {
    const { server, tray } = client([{ status: 200, body: { outcome: 'success', output: {} } }])
    await tray.callConnector('slack', '9.1', { operation: 'x', input: {} }, { validate: false })
    expect(server.requests.map((r) => r.method)).toEqual(['POST'])
  })

  it('throws TrayConnectorError with the third party status on outcome "error"', async () => {
    const output = {
      response: { statusCode: 404, body: 'Board not found' },
      expects: { statusCode: [200, 201, 202, 203, 204] },
      message: 'Not found. Looks like this has been removed.',
    }
    const { tray } = client([
      { status: 200, body: OPERATIONS },
      { status: 200, body: { outcome: 'error', output } },
    ])
    const error = await tray.callConnector('slack', '9.1', payload).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayConnectorError)
    expect(error).toMatchObject({ statusCode: 404, output })
    expect((error as Error).message).toBe(
      'slack send_message failed with status 404: Not found. Looks like this has been removed.',
    )
  })

  it('throwOnError: false returns the raw union', async () => {
    const { tray } = client([
      { status: 200, body: OPERATIONS },
      { status: 200, body: { outcome: 'error', output: { message: 'nope' } } },
    ])
    const result = await tray.callConnector('slack', '9.1', payload, { throwOnError: false })
    expect(result).toEqual({ outcome: 'error', output: { message: 'nope' } })
  })
})

describe('cancellation', () => {
  it('an aborted signal stops the request with TrayAbortError and no retry', async () => {
    const { server, tray } = client([{ stall: 'headers' }], { cache: false })
    const controller = new AbortController()
    const pending = tray.listConnectors({ signal: controller.signal })
    // Once the request is out: then the abort has to end it.
    await new Promise((resolve) => setTimeout(resolve, 0))
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(TrayAbortError)
    expect(server.requests).toHaveLength(1)
  })

  it('an already aborted signal sends nothing', async () => {
    const { server, tray } = client([{ status: 200, body: CONNECTORS }], { cache: false })
    await expect(tray.listConnectors({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      TrayAbortError,
    )
    expect(server.requests).toHaveLength(0)
  })
})

describe('options', () => {
  it('refuses a token that would break a header, without echoing it', () => {
    const error = (() => {
      try {
        createTrayClient({ token: 'abc\r\nX-Evil: 1' })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(TrayError)
    expect(String((error as Error).message)).not.toContain('abc')
  })

  it('reports traffic to hooks without headers', async () => {
    const events: unknown[] = []
    const { tray } = client(
      [{ status: 200, body: CONNECTORS, headers: { 'x-request-id': 'req-1' } }],
      {
        hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e) },
      },
    )
    await tray.listConnectors()
    expect(events).toEqual([
      { method: 'GET', url: 'https://api.tray.io/core/v1/connectors', attempt: 0 },
      expect.objectContaining({ status: 200, requestId: 'req-1', durationMs: expect.any(Number) }),
    ])
    expect(JSON.stringify(events)).not.toContain(TOKEN)
  })
})
