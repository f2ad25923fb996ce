import { describe, expect, it } from 'vitest'
import { TrayError } from '../errors/tray-error'
import { CONNECTORS, scriptedFetch, TOKEN } from './__fixtures__/scripted-fetch'
import { createMemoryStore } from './cache-store'
import { createTrayClient } from './create-tray-client'

function thrown(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(TrayError)
    return error as Error
  }
  throw new Error('no error')
}

describe('the token', () => {
  it('token: undefined (an unset environment variable) fails at once, and says how to fix it', () => {
    const env: Record<string, string | undefined> = {}
    for (const options of [
      { token: env.TRAY_TOKEN },
      { token: env.TRAY_TOKEN, baseUrl: 'https://edge.example' },
    ]) {
      const error = thrown(() => createTrayClient(options))
      expect(error.message).toMatch(/token is undefined/)
      expect(error.message).toMatch(/TRAY_TOKEN/)
      expect(error.message).toMatch(/token: null/)
    }
  })

  it('no token at all fails when talking to Tray itself', () => {
    for (const options of [{}, { region: 'eu1' as const }]) {
      expect(thrown(() => createTrayClient(options)).message).toMatch(/a token is required/)
    }
    expect(() => createTrayClient()).toThrow(/a token is required/)
  })

  it('token: null says none is needed; an omitted one is fine with a baseUrl', async () => {
    for (const options of [
      { token: null },
      { token: null, baseUrl: 'https://edge.example' },
      { baseUrl: 'https://edge.example' },
    ]) {
      const server = scriptedFetch({ status: 200, body: CONNECTORS })
      await createTrayClient({ ...options, fetch: server.fetch }).listConnectors()
      expect(server.requests[0]?.headers).not.toHaveProperty('authorization')
    }
  })

  it('a bad token is refused without echoing it', () => {
    for (const token of ['', ' ', 'abc def-secret', 5 as unknown as string]) {
      const error = thrown(() => createTrayClient({ token }))
      expect(error.message).not.toContain('secret')
    }
  })
})

describe('option names', () => {
  it.each([
    [{ tiemout: 1000 }, 'unknown option "tiemout" (did you mean "timeout"?)'],
    [{ maxRetires: 1 }, 'unknown option "maxRetires" (did you mean "maxRetries"?)'],
    [
      { limits: { maxQeue: 5 } },
      'unknown option "limits.maxQeue" (did you mean "limits.maxQueue"?)',
    ],
    [
      { cache: { notFoundTTLMs: 5 } },
      'unknown option "cache.notFoundTTLMs" (did you mean "cache.notFoundTtlMs"?)',
    ],
    [
      { hooks: { onResponce: () => {} } },
      'unknown option "hooks.onResponce" (did you mean "hooks.onResponse"?)',
    ],
    [{ zebra: true }, 'unknown option "zebra"; the options are token, region'],
  ])('%j is refused', (extra, message) => {
    const error = thrown(() => createTrayClient({ token: TOKEN, ...(extra as object) }))
    expect(error.message).toContain(message)
  })

  it('accepts every known option, a store as cache, and refuses options that are not an object', () => {
    expect(() =>
      createTrayClient({
        token: TOKEN,
        region: 'us',
        baseUrl: undefined,
        fetch: undefined,
        timeout: 1000,
        maxRetries: 1,
        headers: { 'x-a': 'b' },
        userAgent: 'me',
        cache: { connectorsTtlMs: 1, operationsTtlMs: 1 },
        limits: { requestsPerSecond: 1, burst: 1, maxConcurrentCalls: 1 },
        hooks: { onRequest() {}, onResponse() {}, onRetry() {} },
      }),
    ).not.toThrow()
    expect(() => createTrayClient({ token: TOKEN, cache: createMemoryStore() })).not.toThrow()
    expect(() => createTrayClient('token' as never)).toThrow(/options must be an object/)
  })
})
