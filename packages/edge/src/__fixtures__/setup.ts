import { createTrayClient } from '@traykit/core'
import { createMockTray, type MockTrayOptions } from '@traykit/testing'
import { type Env, Hono } from 'hono'
import { createTrayHandler } from '../create-tray-handler'
import type { AuthorizedHandlerOptions, TrayHandlerBaseOptions } from '../handler-options'

/** The server's Tray token in tests: the mock accepts only this one. */
export const TOKEN = 'tray-master-7Hq2ZkP9xLw4'

export const CALL_PATH = '/core/v1/connectors/slack/versions/9.1/call'

/** A valid call of the mock's slack 9.1 send_message. */
export const SEND_MESSAGE = {
  operation: 'send_message',
  input: { channel: 'C0123', text: 'Hello' },
}

/**
 * A handler mounted at /tray in front of a mock Tray (in-process fetch both ways), and a core
 * client pointed at it the way a browser would be: no token.
 */
export function setup<E extends Env = Env>(
  options: Partial<TrayHandlerBaseOptions<E>> & {
    authorize?: AuthorizedHandlerOptions<E>['authorize']
  } = {},
  mockOptions: MockTrayOptions = { tokens: [TOKEN] },
) {
  const mock = createMockTray(mockOptions)
  const { authorize, ...rest } = options
  const base = {
    token: TOKEN,
    allow: { slack: ['send_message'] },
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    maxRetries: 0,
    ...rest,
  }
  // Without an authorize rule, the handler serves anyone: tests of other steps need no sign-in.
  const handler = createTrayHandler<E>(
    authorize ? { ...base, authorize } : { ...base, public: true },
  )
  const app = new Hono<E>().route('/tray', handler)
  const request = (path: string, init?: RequestInit, env?: E['Bindings']) =>
    app.request(`/tray${path}`, init, env)
  const call = (body: unknown, headers: Record<string, string> = {}) =>
    request(CALL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  const browser = createTrayClient({
    baseUrl: 'https://app.example.com/tray',
    fetch: async (input, init) => app.fetch(new Request(input, init)),
    maxRetries: 0,
  })
  return { mock, handler, app, request, call, browser }
}

/** How many requests of a route reached the mock. */
export function upstreamCount(
  mock: { calls: readonly { route: string }[] },
  route: string,
): number {
  return mock.calls.filter((entry) => entry.route === route).length
}
