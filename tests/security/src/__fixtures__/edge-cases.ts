import type { MockFault, MockTray } from '@traykit/testing'
import {
  ECHO_CHANNEL,
  ECHO_PAGE,
  echoBody,
  echoingFailure,
  MISSHAPEN_CATALOG,
} from './echoing-tray'
import { TOKEN } from './secret-token'

/** A request to the edge handler, and the status it must get. */
export interface EdgeCase {
  what: string
  method?: string
  path?: string
  headers?: Record<string, string>
  body?: string | (() => ReadableStream<Uint8Array>)
  fault?: (mock: MockTray) => MockFault
  /** Served by a handler whose upstream timeout is 50 ms (the others wait 30 s). */
  quick?: boolean
  status: number
}

export const CONNECTORS = '/core/v1/connectors'
const CALL = '/core/v1/connectors/slack/versions/9.1/call'
export const ORIGIN = 'https://app.example'
/** What the scan's `authorize` lets in. */
export const SIGNED_IN = { 'x-user': 'alice' }
const JSON_TYPE = { ...SIGNED_IN, 'content-type': 'application/json' }
export const MAX_BODY_BYTES = 2048
const call = (payload: unknown) => ({
  method: 'POST',
  path: CALL,
  headers: JSON_TYPE,
  body: JSON.stringify(payload),
})
const send = (input: Record<string, unknown>) => call({ operation: 'send_message', input })
const onConnectors = { match: { route: 'connectors' } } as const

/** Every answer the handler gives: its own refusals, passed-through upstream errors, failures. */
export const EDGE_CASES: EdgeCase[] = [
  { what: 'the connector list', path: CONNECTORS, headers: SIGNED_IN, status: 200 },
  {
    what: 'the operations',
    path: '/core/v1/connectors/slack/versions/9.1/operations',
    headers: SIGNED_IN,
    status: 200,
  },
  {
    what: 'a preflight from the allowed origin',
    method: 'OPTIONS',
    path: CALL,
    headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    status: 204,
  },
  {
    what: 'a preflight from another origin',
    method: 'OPTIONS',
    path: CALL,
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    status: 403,
  },
  { what: 'an unauthorized caller', path: CONNECTORS, status: 401 },
  { what: 'a wrong method', method: 'DELETE', path: CONNECTORS, headers: SIGNED_IN, status: 405 },
  { what: 'an unknown route', path: '/core/v1/authentications', headers: SIGNED_IN, status: 404 },
  { what: 'a call', ...send({ channel: 'C1', text: 'hi' }), status: 200 },
  {
    what: 'a call whose third party echoes the Authorization header',
    ...send({ channel: ECHO_CHANNEL, text: 'hi' }),
    status: 200,
  },
  {
    what: 'a body that is not JSON',
    method: 'POST',
    path: CALL,
    headers: JSON_TYPE,
    body: '{"operation":',
    status: 400,
  },
  {
    what: 'the token sent as the authId',
    ...call({ operation: 'send_message', input: { channel: 'C1', text: 'hi' }, authId: TOKEN }),
    status: 400,
  },
  {
    what: 'an invalid input holding the token as values',
    ...send({ channel: 42, text: TOKEN, api_key: TOKEN }),
    status: 400,
  },
  {
    what: 'an operation not allowed',
    ...call({ operation: 'send_reminder', input: {} }),
    status: 403,
  },
  {
    what: 'a body over the limit, with its length declared',
    ...send({ channel: 'C1', text: 'x'.repeat(MAX_BODY_BYTES) }),
    status: 413,
  },
  {
    what: 'a body over the limit, streamed without a length',
    method: 'POST',
    path: CALL,
    headers: JSON_TYPE,
    body: () => streamOf(`{"operation":"send_message","input":{"text":"${'x'.repeat(8192)}"}}`),
    status: 413,
  },
  {
    what: 'a body that is not declared JSON',
    ...send({ channel: 'C1', text: 'hi' }),
    headers: { ...SIGNED_IN, 'content-type': 'text/plain' },
    status: 415,
  },
  {
    what: "Tray's 400 echoing the header",
    ...send({ channel: 'C1', text: 'hi' }),
    fault: (mock) => mock.fail({ status: 400, body: echoBody(400), match: { route: 'call' } }),
    status: 400,
  },
  {
    what: "Tray's 401 echoing the header",
    path: CONNECTORS,
    headers: SIGNED_IN,
    fault: (mock) => mock.fail({ status: 401, body: echoBody(401), ...onConnectors }),
    status: 401,
  },
  {
    what: "Tray's 403 page echoing the header",
    path: CONNECTORS,
    headers: SIGNED_IN,
    fault: (mock) => mock.fail({ status: 403, body: ECHO_PAGE, ...onConnectors }),
    status: 403,
  },
  {
    what: "Tray's 429, its request id echoing the header",
    ...send({ channel: 'C1', text: 'hi' }),
    fault: (mock) =>
      mock.fail({
        ...echoingFailure(429),
        retryAfter: 120,
        match: { route: 'call' },
      }),
    status: 429,
  },
  {
    what: "Tray's 500 echoing the header in its body and request id",
    path: CONNECTORS,
    headers: SIGNED_IN,
    fault: (mock) =>
      mock.fail({
        ...echoingFailure(500),
        ...onConnectors,
      }),
    status: 500,
  },
  {
    what: "Tray's 503 page echoing the header",
    ...send({ channel: 'C1', text: 'hi' }),
    fault: (mock) => mock.fail({ status: 503, body: ECHO_PAGE, match: { route: 'call' } }),
    status: 503,
  },
  {
    what: 'an upstream body that is not JSON',
    path: CONNECTORS,
    headers: SIGNED_IN,
    fault: (mock) => mock.malformed(onConnectors),
    status: 502,
  },
  {
    what: 'an upstream body of the wrong shape, the token in it',
    path: CONNECTORS,
    headers: SIGNED_IN,
    fault: (mock) => mock.fail({ status: 200, body: MISSHAPEN_CATALOG, ...onConnectors }),
    status: 502,
  },
  {
    what: 'an upstream timeout',
    path: CONNECTORS,
    headers: SIGNED_IN,
    fault: (mock) => mock.delay({ ms: 2_000, ...onConnectors }),
    quick: true,
    status: 504,
  },
  {
    what: 'an upstream connection dropped during a call',
    ...send({ channel: 'C1', text: 'hi' }),
    fault: (mock) => mock.drop({ match: { route: 'call' } }),
    status: 502,
  },
]

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 1024) controller.enqueue(bytes.slice(at, at + 1024))
      controller.close()
    },
  })
}
