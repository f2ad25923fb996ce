// A Worker serving agents at /mcp: createTrayMcpHandler in front of a mock Tray (in-process
// fetch), as a deployment would in front of Tray. /__mock says what the mock billed.
import { createMockTray } from '@traykit/testing'
import { Hono } from 'hono'
import { createTrayMcpHandler } from '../src/http'
import { WORKER_AUTH_ID, WORKER_KEY, WORKER_TOKEN } from './_worker-fixture'

const mock = createMockTray({
  tokens: [WORKER_TOKEN],
  authentications: [{ id: WORKER_AUTH_ID, name: 'Acme Slack', serviceEnvironmentId: 'env' }],
})

const app = new Hono()
app.route(
  '/',
  createTrayMcpHandler({
    token: WORKER_TOKEN,
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    maxRetries: 0,
    authorize: (c) => c.req.header('x-api-key') === WORKER_KEY,
    allow: { slack: ['send_message'] },
    authId: WORKER_AUTH_ID,
  }),
)
app.get('/__mock', (c) =>
  c.json({
    tasks: mock.tasks,
    // Each call that reached Tray: which operation, with which authentication.
    calls: mock.calls
      .filter((call) => call.route === 'call')
      .map(({ operation, authId }) => ({ operation, authId: authId ?? null })),
  }),
)

export default app
