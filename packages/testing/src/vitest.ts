import { createTrayClient, type TrayClient, type TrayClientOptions } from '@traykit/core'
import { afterEach, beforeEach } from 'vitest'
import { createMockTray } from './create-mock-tray'
import type { MockTray, MockTrayOptions } from './mock-tray-types'

/** Options of `useMockTray`. */
export interface UseMockTrayOptions extends MockTrayOptions {
  /** Also serve the mock over HTTP on 127.0.0.1 (Node only); `url` is then set. */
  listen?: boolean | undefined
  /** Options for `client`, on top of the mock's URL and fetch; the token is `tokens[0]` or `TEST_TOKEN`. */
  client?: Omit<TrayClientOptions, 'baseUrl' | 'fetch'> | undefined
}

/** The mock of the running test, with a client pointed at it. */
export interface MockTrayFixture {
  readonly mock: MockTray
  /** A @traykit/core client talking to `mock`. */
  readonly client: TrayClient
  /** The mock's HTTP URL, with `listen: true`. */
  readonly url: string
}

/** The token `client` sends. */
export const TEST_TOKEN = 'traykit-test-token'

/**
 * Gives every test of the file (or `describe` block) a fresh mock and a client for it, and
 * closes them after the test. Read `mock`, `client` and `url` inside tests and hooks.
 */
export function useMockTray(options: UseMockTrayOptions = {}): MockTrayFixture {
  const { listen: serve, client: clientOptions, ...mockOptions } = options
  let current: { mock: MockTray; client: TrayClient; url: string | undefined } | undefined
  let close: (() => Promise<void>) | undefined

  beforeEach(async () => {
    const mock = createMockTray(mockOptions)
    let url: string | undefined
    if (serve) {
      // Loaded only on request, so a file that never listens runs on edge runtimes too.
      const { listen } = await import('./node')
      const server = await listen(mock)
      url = server.url
      close = server.close
    }
    const client = createTrayClient({
      token: mockOptions.tokens?.[0] ?? TEST_TOKEN,
      ...clientOptions,
      baseUrl: url ?? 'http://tray.test',
      ...(url ? {} : { fetch: mock.fetch }),
    })
    current = { mock, client, url }
  })

  afterEach(async () => {
    await close?.()
    close = undefined
    current = undefined
  })

  const active = () => {
    if (!current) throw new Error('useMockTray: the mock exists only inside a test or its hooks')
    return current
  }
  return {
    get mock() {
      return active().mock
    },
    get client() {
      return active().client
    },
    get url() {
      const { url } = active()
      if (url === undefined) throw new Error('useMockTray: pass { listen: true } to get a URL')
      return url
    },
  }
}
