import { createMockTray, type MockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import { Captures, withConsoleCaptured } from './capture'
import { createEchoingTray } from './echoing-tray'
import { AUTH_ID, TOKEN } from './secret-token'

/** What running @traykit/testing's mock with the token produced. */
export interface MockOutputs {
  captures: Captures
  /** Requests whose status was not the one expected: each case must really have happened. */
  unexpected: string[]
}

interface MockCase {
  what: string
  method?: string
  path: string
  body?: unknown
  status: number
}

const V1 = '/core/v1'
const CALL = `${V1}/connectors/slack/versions/9.1/call`

/** A request to every route, answered and refused, with the token as the bearer. */
const CASES: MockCase[] = [
  { what: 'the connector list', path: `${V1}/connectors`, status: 200 },
  { what: 'the operations', path: `${V1}/connectors/slack/versions/9.1/operations`, status: 200 },
  {
    what: 'an unknown version',
    path: `${V1}/connectors/slack/versions/9.9/operations`,
    status: 404,
  },
  {
    what: 'a call',
    method: 'POST',
    path: CALL,
    body: { operation: 'send_message', input: { channel: 'C1', text: 'hi' }, authId: AUTH_ID },
    status: 200,
  },
  {
    what: "a call Tray's schema check refuses",
    method: 'POST',
    path: CALL,
    body: { operation: 'send_message', input: { text: 'hi' } },
    status: 400,
  },
  {
    what: 'the token sent as the authId',
    method: 'POST',
    path: CALL,
    body: { operation: 'send_message', input: { channel: 'C1', text: 'hi' }, authId: TOKEN },
    status: 400,
  },
  {
    what: 'a third-party error',
    method: 'POST',
    path: CALL,
    body: { operation: 'send_message', input: { channel: 'C0000ARCHIVED', text: 'hi' } },
    status: 200,
  },
  { what: 'environments', path: `${V1}/services/slack/versions/4/environments`, status: 200 },
  {
    what: 'an authentication created',
    method: 'POST',
    path: `${V1}/authentications`,
    body: { name: 'scan', serviceEnvironmentId: '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1' },
    status: 200,
  },
  { what: 'an authentication read', path: `${V1}/authentications/${AUTH_ID}`, status: 200 },
  { what: 'an unknown route', path: `${V1}/nothing-here`, status: 404 },
]

/**
 * Sends every case to the mock with TOKEN, in process and over HTTP (`listen`), plus a mock
 * that rejects it, and bad options; then dumps the journal and task count of every mock the
 * scan used (`upstreams`), since a journal is what a test prints when it fails.
 */
export async function collectMockOutputs(upstreams: readonly MockTray[]): Promise<MockOutputs> {
  const captures = new Captures('mock')
  const unexpected: string[] = []
  const mock = createEchoingTray()
  const rejecting = createMockTray({ tokens: ['a-token-this-server-expects'] })

  async function runCases(
    where: string,
    request: (path: string, init: RequestInit) => Promise<Response>,
  ) {
    for (const c of CASES) {
      const init: RequestInit = {
        method: c.method ?? 'GET',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: c.body === undefined ? undefined : JSON.stringify(c.body),
      }
      const response = await request(c.path, init)
      if (response.status !== c.status) {
        unexpected.push(`${where}, ${c.what}: ${response.status} instead of ${c.status}`)
      }
      await captures.addResponse(`${where}, ${c.what}`, response)
    }
  }

  await withConsoleCaptured(captures, async () => {
    await runCases('in process', async (path, init) => mock.app.request(path, init))
    const served = await listen(mock)
    await runCases('over HTTP', (path, init) => fetch(`${served.url}${path}`, init))
    await served.close()
    const refused = await rejecting.app.request(`${V1}/connectors`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    if (refused.status !== 401) unexpected.push(`a mock rejecting the token: ${refused.status}`)
    await captures.addResponse('a mock rejecting the token', refused)
  })

  // Options a person got wrong with the token in them: refused without quoting it.
  for (const [what, options] of [
    ['a token list with an empty token', { tokens: [TOKEN, ''] }],
    [
      'the token as an authentication id',
      { authentications: [{ id: TOKEN, name: 'scan', serviceEnvironmentId: 'env' }] },
    ],
  ] as const) {
    try {
      createMockTray(options)
      unexpected.push(`createMockTray accepted ${what}`)
    } catch (error) {
      captures.addError(`createMockTray refusing ${what}`, error)
    }
  }

  for (const [i, journal] of [mock, rejecting, ...upstreams].entries()) {
    captures.add(`mock ${i}: JSON.stringify(mock.calls)`, JSON.stringify(journal.calls))
    captures.add(`mock ${i}: mock.tasks`, JSON.stringify(journal.tasks))
  }
  return { captures, unexpected }
}
