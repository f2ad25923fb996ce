import { createMockTray } from '@traykit/testing'
import { Hono } from 'hono'
import { createTrayHandler } from '../src/index'

/** The server's Tray token inside the fixture; the answers must never show it. */
export const FIXTURE_TOKEN = 'tray-runtime-9Fk2LmQ7vX'

/** What a signed-in browser sends; `authorize` accepts nothing else. */
export const SESSION = 'Bearer app-session-1'

/**
 * The app every runtime serves: the handler under /tray in front of a mock Tray (in-process
 * fetch), and /__mock to read what the mock billed. The mock echoes the Authorization header
 * it receives in a call's output and, for shopify's operations, in an error body, as a careless
 * upstream would, and redirects twilio-output's operations elsewhere.
 */
export function createFixtureApp(): Hono {
  const mock = createMockTray({ tokens: [FIXTURE_TOKEN] })
  mock.handle('slack', 'send_message', (input, ctx) => ({
    ok: true,
    channel: input.channel ?? null,
    seenAuthorization: ctx.request.headers.get('authorization'),
  }))
  mock.fail({
    status: 500,
    body: { message: `Upstream rejected Authorization: Bearer ${FIXTURE_TOKEN}` },
    match: { route: 'operations', connector: 'shopify' },
  })
  // A Tray that redirects: followed, the token would go along.
  mock.fail({
    status: 307,
    headers: { location: 'https://elsewhere.test/operations' },
    match: { route: 'operations', connector: 'twilio-output' },
  })

  // Who owns which authentication, as an app's database would say; the caller names itself in
  // x-user (after authorize has checked the session).
  const owners = new Map<string, string | undefined>()
  const app = new Hono()
  app.route(
    '/tray',
    createTrayHandler({
      token: FIXTURE_TOKEN,
      authorize: (c) => c.req.header('authorization') === SESSION,
      allow: { slack: ['send_message'] },
      baseUrl: 'http://tray.test',
      fetch: mock.fetch,
      maxRetries: 0,
      authentications: {
        owns: (c, authId) => owners.get(authId) === c.req.header('x-user'),
        onCreate: (c, authentication) => {
          owners.set(authentication.id, c.req.header('x-user'))
        },
      },
    }),
  )
  app.get('/__mock', (c) => c.json({ tasks: mock.tasks, requests: mock.calls.length }))
  return app
}
