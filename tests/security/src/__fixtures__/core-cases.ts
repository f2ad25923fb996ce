import type { TrayClient, TrayClientOptions } from '@traykit/core'
import type { MockFault, MockTray } from '@traykit/testing'
import {
  ECHO_CHANNEL,
  ECHO_PAGE,
  echoBody,
  echoingFailure,
  MISSHAPEN_CATALOG,
} from './echoing-tray'
import { AUTH_ID, TOKEN } from './secret-token'

/** The scan's client, or a new one with some options changed. */
export type ClientFactory = (overrides?: TrayClientOptions) => TrayClient

/** A way for the client to fail, and the error class it must end with. */
export interface CoreCase {
  what: string
  /** The class of error the case must end with. */
  error: string
  /** The upstream's failure for this case, removed after it. */
  fault?: (mock: MockTray) => MockFault
  run: (client: ClientFactory) => Promise<unknown>
}

const SEND = { operation: 'send_message', input: { channel: 'C1', text: 'hi' } }
const onConnectors = { match: { route: 'connectors' } } as const

/** Every failure a user of the client can meet, each through the real client and mock. */
export const CORE_CASES: CoreCase[] = [
  {
    what: 'a 400 whose body echoes the Authorization header',
    error: 'TrayBadRequestError',
    fault: (mock) => mock.fail({ status: 400, body: echoBody(400), ...onConnectors }),
    run: (client) => client().listConnectors(),
  },
  {
    what: "Tray's own 400 for an input that breaks the schema",
    // Read into the same error as core's own check, its issues from Tray's message.
    error: 'TrayValidationError',
    run: (client) =>
      client().callConnector('slack', '9.1', { ...SEND, input: {} }, { validate: false }),
  },
  {
    what: 'a 403 with an HTML page echoing the header',
    error: 'TrayPermissionError',
    fault: (mock) => mock.fail({ status: 403, body: ECHO_PAGE, ...onConnectors }),
    run: (client) => client().listConnectors(),
  },
  {
    what: "Tray's 404 for an unknown version",
    error: 'TrayNotFoundError',
    run: (client) => client().listOperations('slack', '9.9'),
  },
  {
    what: 'a 404 from the catalog (no such connector)',
    error: 'TrayNotFoundError',
    run: (client) => client().getConnector('no-such-connector'),
  },
  {
    what: 'a 429 with Retry-After echoing the header',
    error: 'TrayRateLimitError',
    fault: (mock) =>
      mock.fail({ status: 429, retryAfter: 1, body: echoBody(429), ...onConnectors }),
    run: (client) => client().listConnectors(),
  },
  {
    what: 'a 429 retried once, then given up',
    error: 'TrayRateLimitError',
    fault: (mock) => mock.fail({ status: 429, body: echoBody(429), ...onConnectors }),
    run: (client) => client({ maxRetries: 1 }).listConnectors(),
  },
  {
    what: 'a 500 echoing the header in its body and in x-request-id',
    error: 'TrayServerError',
    fault: (mock) =>
      mock.fail({
        ...echoingFailure(500),
        ...onConnectors,
      }),
    run: (client) => client().listConnectors(),
  },
  {
    what: 'a 502 page echoing the header',
    error: 'TrayServerError',
    fault: (mock) => mock.fail({ status: 502, body: ECHO_PAGE, match: { route: 'call' } }),
    run: (client) => client().callConnector('slack', '9.1', SEND),
  },
  {
    what: 'a 503 echoing the header',
    error: 'TrayServerError',
    fault: (mock) => mock.fail({ status: 503, body: echoBody(503), ...onConnectors }),
    run: (client) => client().listConnectors(),
  },
  {
    what: 'a connection dropped after the call was sent',
    error: 'TrayConnectionError',
    fault: (mock) => mock.drop({ match: { route: 'call' } }),
    run: (client) => client().callConnector('slack', '9.1', SEND),
  },
  {
    what: "a fetch whose error quotes the request's headers",
    error: 'TrayConnectionError',
    run: (client) =>
      client({
        fetch: async (_url, init) => {
          const authorization = new Headers(init?.headers).get('authorization')
          throw new TypeError(`fetch failed (authorization: ${authorization})`, {
            cause: { code: 'ECONNRESET', headers: { authorization } },
          })
        },
      }).listConnectors(),
  },
  {
    what: 'a timeout',
    error: 'TrayTimeoutError',
    fault: (mock) => mock.delay({ ms: 2_000, ...onConnectors }),
    run: (client) => client({ timeout: 50 }).listConnectors(),
  },
  {
    what: 'an abort',
    error: 'TrayAbortError',
    fault: (mock) => mock.delay({ ms: 2_000, ...onConnectors }),
    // A client of its own: the aborted read goes on in the background, and the shared
    // client would let the next case's read join it.
    run: (client) => client({}).listConnectors({ signal: AbortSignal.timeout(50) }),
  },
  {
    what: 'a body that is not JSON',
    error: 'TrayResponseError',
    fault: (mock) => mock.malformed(onConnectors),
    run: (client) => client().listConnectors(),
  },
  {
    what: 'a body of the wrong shape, the token where a number belongs',
    error: 'TrayResponseError',
    fault: (mock) => mock.fail({ status: 200, body: MISSHAPEN_CATALOG, ...onConnectors }),
    run: (client) => client().listConnectors(),
  },
  {
    what: 'an invalid input holding the token as values',
    error: 'TrayValidationError',
    run: (client) =>
      client().callConnector('slack', '9.1', {
        operation: 'send_message',
        input: { channel: 42, text: TOKEN, api_key: TOKEN },
      }),
  },
  {
    what: 'the token passed as the authId',
    error: 'TrayValidationError',
    run: (client) => client().callConnector('slack', '9.1', { ...SEND, authId: TOKEN }),
  },
  {
    what: 'the token passed as an authentication id',
    error: 'TrayValidationError',
    run: (client) => client().getAuthentication(TOKEN),
  },
  {
    what: 'a lookup refused for a missing dependency',
    error: 'TrayValidationError',
    run: (client) =>
      client().resolveLookup({
        connector: 'slack',
        version: '9.1',
        operation: 'send_message',
        field: 'channel',
        input: {},
        authId: AUTH_ID,
      }),
  },
  {
    what: 'a token with a line break refused at creation',
    error: 'TrayError',
    run: async (client) => client({ token: `${TOKEN}\r\nx-injected: 1` }),
  },
  {
    what: 'a third party failing with the Authorization header echoed in its output',
    error: 'TrayConnectorError',
    run: (client) =>
      client().callConnector('slack', '9.1', {
        ...SEND,
        input: { channel: ECHO_CHANNEL, text: 'hi' },
      }),
  },
]
