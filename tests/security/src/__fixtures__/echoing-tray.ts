import { createMockTray, type MockTray, thirdPartyError } from '@traykit/testing'
import { AUTH_ID, TOKEN } from './secret-token'

/** A `send_message` channel whose call fails with the request's Authorization header echoed back. */
export const ECHO_CHANNEL = 'C0000ECHO'

/** Slack's service environment in the mock's default catalog. */
const SLACK_ENVIRONMENT = '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1'

/** An error body of the kind a debugging proxy sends: it quotes the request's Authorization header. */
export function echoBody(status: number): { message: string; request: object } {
  return {
    message: `Upstream answered ${status} to a request with Authorization: Bearer ${TOKEN}`,
    request: { headers: { authorization: `Bearer ${TOKEN}` } },
  }
}

/** A failure answer that echoes the Authorization header in its body and its request id. */
export function echoingFailure(status: number) {
  return { status, body: echoBody(status), headers: { 'x-request-id': `Bearer ${TOKEN}` } }
}

/** The same echo in an HTML page, as a gateway's error page would show it. */
export const ECHO_PAGE = `<html><body><h1>Bad gateway</h1><pre>authorization: Bearer ${TOKEN}</pre></body></html>`

/** A connector list that fits Tray's shape but quotes the token, as an echoing proxy would. */
export const ECHOED_CATALOG = {
  elements: [
    {
      name: 'echo',
      version: '1.0',
      title: 'Echo',
      description: `Echoed: Bearer ${TOKEN} (a proxy quoting the request headers)`,
      service: { id: 'echo', name: 'echo', version: 1 },
    },
  ],
}

/** A connector list of the wrong shape, the token where a number belongs. */
export const MISSHAPEN_CATALOG = {
  elements: [{ ...ECHOED_CATALOG.elements[0], service: { id: 'e', name: 'e', version: TOKEN } }],
}

/** An operation list of the wrong shape, the token where a boolean belongs. */
export const MISSHAPEN_OPERATIONS = {
  elements: [
    {
      name: 'echo',
      title: 'Echo',
      description: 'An operation',
      inputSchema: {},
      outputSchema: {},
      hasDynamicOutput: TOKEN,
    },
  ],
}

/**
 * A mock Tray that accepts only TOKEN (any other token gets Tray's 401, so a 200 proves TOKEN
 * was sent), holds one authentication, and whose `slack` `send_message` to ECHO_CHANNEL fails
 * with the third party quoting the Authorization header it was sent.
 */
export function createEchoingTray(): MockTray {
  const mock = createMockTray({
    tokens: [TOKEN],
    authentications: [
      { id: AUTH_ID, name: 'security scan', serviceEnvironmentId: SLACK_ENVIRONMENT },
    ],
  })
  mock.handle('slack', 'send_message', (input, ctx) => {
    if (input.channel !== ECHO_CHANNEL) return ctx.defaultResult()
    const authorization = ctx.request.headers.get('authorization') ?? ''
    return thirdPartyError(401, { headers: { authorization } }, `Rejected ${authorization}`)
  })
  return mock
}
