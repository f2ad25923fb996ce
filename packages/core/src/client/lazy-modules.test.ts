import { describe, expect, it } from 'vitest'
import { TrayRateLimitError } from '../errors/tray-api-error'
import { TrayConnectorError } from '../errors/tray-connector-error'
import { TrayOverloadedError } from '../errors/tray-overloaded-error'
import { TrayValidationError } from '../errors/tray-validation-error'
import { createTrayClient } from './create-tray-client'

// The client loads its error path, its response shapes and its payload check through import().
// This file imports nothing that loads them first (unlike the scripted-fetch fixture), so each
// request below is the first to need its module: they must arrive and behave as when loaded.
const TOKEN = 'tok_live_0123456789abcdefghij'

function answers(...list: Array<{ status: number; body: unknown; headers?: HeadersInit }>) {
  const sent: Array<{ method: string; url: string }> = []
  const fetch = async (url: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({ method: init.method ?? 'GET', url: String(url) })
    const next = list[Math.min(sent.length, list.length) - 1]
    if (!next) throw new Error('no answer scripted')
    return new Response(JSON.stringify(next.body), { status: next.status, headers: next.headers })
  }
  return { fetch, sent }
}

describe('the modules the client loads on demand', () => {
  it('a first error is worded and redacted, after a retry', async () => {
    const server = answers(
      { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '0' } },
      {
        status: 400,
        body: {
          message:
            'Connector input validation failed. Schema validation errors: [ 1 - #: required key [channel] not found ]',
          code: null,
          echo: `Bearer ${TOKEN}`,
        },
        headers: { 'x-request-id': `id-${TOKEN}` },
      },
    )
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch, cache: false })
    const error = await tray.listConnectors().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayValidationError)
    expect((error as TrayValidationError).issues).toEqual([
      { path: 'input.channel', message: 'required key [channel] not found' },
    ])
    expect((error as TrayValidationError).requestId).toBe('id-[redacted]')
    expect((error as TrayValidationError).body).toMatchObject({ echo: 'Bearer [redacted]' })
    expect(JSON.stringify(error)).not.toContain(TOKEN)
    expect(server.sent).toHaveLength(2)
  })

  it('hooks see redacted URLs from the first request on', async () => {
    const server = answers({ status: 429, body: { message: 'slow' } })
    const urls: string[] = []
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      maxRetries: 0,
      hooks: { onRequest: (e) => urls.push(e.url), onResponse: (e) => urls.push(e.url) },
    })
    const error = await tray.listOperations(TOKEN, '1.0').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayRateLimitError)
    expect(urls).toHaveLength(2)
    for (const url of urls) expect(url).toMatch(/\/connectors\/\[redacted\]\/versions\/1\.0\//)
  })

  it('a first call checks its payload, sends it, and reads its outcome', async () => {
    const server = answers({
      status: 200,
      body: { outcome: 'error', output: { message: `no ${TOKEN}` } },
    })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
    const refused = await tray
      .callConnector('slack', '9.1', { operation: 'x', input: {}, authID: 'a' } as never, {
        validate: false,
      })
      .catch((e: unknown) => e)
    expect((refused as Error).message).toContain('did you mean "authId"?')
    expect(server.sent).toHaveLength(0)
    const failed = await tray
      .callConnector('slack', '9.1', { operation: 'x', input: {} }, { validate: false })
      .catch((e: unknown) => e)
    expect(failed).toBeInstanceOf(TrayConnectorError)
    expect((failed as TrayConnectorError).message).toBe('slack x failed: no [redacted]')
    const result = await tray.callConnector(
      'slack',
      '9.1',
      { operation: 'x', input: {} },
      { validate: false, throwOnError: false },
    )
    expect(result).toEqual({ outcome: 'error', output: { message: `no ${TOKEN}` } })
  })

  it('a payload changed after the call began is checked and sent as it was', async () => {
    const server = answers({ status: 200, body: { outcome: 'success', output: {} } })
    const tray = createTrayClient({ token: null, baseUrl: 'http://tray.test', fetch: server.fetch })
    const payload: Record<string, unknown> = { operation: 'x', input: {} }
    const call = tray.callConnector('slack', '9.1', payload as never, { validate: false })
    payload.authID = 'typo'
    payload.operation = 'y'
    await expect(call).resolves.toEqual({})
    expect(server.sent).toHaveLength(1)
  })

  it('requests that must wait for the limiter get its queue and its bound', async () => {
    const server = answers({ status: 200, body: { elements: [] } })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: false,
      // One token at once, then one every 500 ms (far longer than the queue's first load takes,
      // even on a loaded machine, so no token refills before the third read is refused); one
      // request may wait.
      limits: { requestsPerSecond: 2, burst: 1, maxQueue: 1 },
    })
    const read = (version: string) => tray.listOperations('slack', version)
    const [first, waiting, refused] = await Promise.allSettled([read('1'), read('2'), read('3')])
    expect(first).toEqual({ status: 'fulfilled', value: [] })
    expect(waiting).toEqual({ status: 'fulfilled', value: [] })
    expect(refused.status === 'rejected' && refused.reason).toBeInstanceOf(TrayOverloadedError)
    expect(server.sent.map((r) => r.url.split('/').at(-2))).toEqual(['1', '2'])
  })

  it('a first call refused before sending says why: unsendable input, unknown operation', async () => {
    const server = answers({ status: 200, body: { elements: [] } })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
    const unsendable = await tray
      .callConnector('slack', '9.1', { operation: 'x', input: { n: 1n } } as never, {
        validate: false,
      })
      .catch((e: unknown) => e)
    expect(unsendable).toBeInstanceOf(TrayValidationError)
    expect((unsendable as Error).message).toMatch(/cannot be sent as JSON: .*; nothing was sent/)
    const unknown = await tray
      .callConnector('slack', '9.1', { operation: 'x', input: {} })
      .catch((e: unknown) => e)
    expect(unknown).toBeInstanceOf(TrayValidationError)
    expect((unknown as TrayValidationError).issues).toEqual([
      { path: 'operation', message: 'slack@9.1 has no operation "x"' },
    ])
    // The operations were read; no call went out.
    expect(server.sent.map((r) => r.method)).toEqual(['GET'])
  })
})
