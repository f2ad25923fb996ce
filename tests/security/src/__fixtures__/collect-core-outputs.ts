import { type ClientHooks, createTrayClient, type TrayClientOptions } from '@traykit/core'
import { createMockTray, type MockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import { Captures } from './capture'
import { type ClientFactory, CORE_CASES } from './core-cases'
import { createEchoingTray } from './echoing-tray'
import { TOKEN } from './secret-token'

/** What running @traykit/core with the token produced. */
export interface CoreOutputs {
  captures: Captures
  /** The name of every error class the cases produced. */
  classes: Set<string>
  /** Cases whose error was not the one expected: each case must really have happened. */
  unexpected: string[]
  /** The Authorization headers the client sent. */
  authorizations: string[]
  /** The mock the client talked to, for its journal. */
  upstream: MockTray
}

/** Runs every case through the client with TOKEN and captures every form of every error. */
export async function collectCoreOutputs(): Promise<CoreOutputs> {
  const captures = new Captures('core')
  const classes = new Set<string>()
  const unexpected: string[] = []
  const authorizations: string[] = []
  const hookEvents: unknown[] = []
  const mock = createEchoingTray()
  const record =
    (kind: string) =>
    (event: object): void => {
      hookEvents.push({ kind, ...event })
    }
  const hooks: ClientHooks = {
    onRequest: record('request'),
    onResponse: record('response'),
    onRetry: record('retry'),
  }
  const options: TrayClientOptions = {
    baseUrl: 'http://tray.test',
    token: TOKEN,
    maxRetries: 0,
    // Every read goes to the mock, so each case meets its fault instead of a cached answer.
    cache: false,
    hooks,
    fetch: (input, init) => {
      authorizations.push(new Headers(init?.headers).get('authorization') ?? '')
      return mock.fetch(input, init)
    },
  }
  const tray = createTrayClient(options)
  const client: ClientFactory = (overrides) =>
    overrides ? createTrayClient({ ...options, ...overrides }) : tray

  async function attempt(what: string, expected: string, run: () => Promise<unknown>) {
    try {
      await run()
      unexpected.push(`${what}: no error instead of ${expected}`)
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error
      classes.add(name)
      if (name !== expected) unexpected.push(`${what}: ${name} instead of ${expected}`)
      captures.addError(what, error)
    }
  }

  for (const { what, error, fault, run } of CORE_CASES) {
    const added = fault?.(mock)
    try {
      await attempt(what, error, () => run(client))
    } finally {
      added?.remove()
    }
  }

  // Over real HTTP: Tray rejecting the token, a refused connection, and a socket destroyed.
  const rejecting = await listen(createMockTray({ tokens: ['a-token-this-server-expects'] }))
  await attempt('a 401 over HTTP', 'TrayAuthenticationError', () =>
    client({ fetch: undefined, baseUrl: rejecting.url }).listConnectors(),
  )
  await rejecting.close()
  await attempt('a refused connection over HTTP', 'TrayConnectionError', () =>
    client({ fetch: undefined, baseUrl: rejecting.url }).listConnectors(),
  )
  const dropping = createEchoingTray()
  dropping.drop()
  const served = await listen(dropping)
  await attempt('a connection reset over HTTP', 'TrayConnectionError', () =>
    client({ fetch: undefined, baseUrl: served.url }).listConnectors(),
  )
  await served.close()

  captures.add('hook events', JSON.stringify(hookEvents))
  return { captures, classes, unexpected, authorizations, upstream: mock }
}
