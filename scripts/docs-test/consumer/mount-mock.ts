// The consumer check: the mock mounted inside an edge app, as @traykit/testing's README says
// (`mock.app`: "mount it"), next to an edge handler whose upstream is that mount. With two
// copies of hono installed, `app.route('/mock', mock.app)` fails to type-check (TS2345).
import { createTrayClient, TrayValidationError } from '@traykit/core'
import { createTrayHandler } from '@traykit/edge'
import { createMockTray } from '@traykit/testing'
import { Hono } from 'hono'

const mock = createMockTray()
const app = new Hono()
app.route('/mock', mock.app)
app.route(
  '/tray',
  createTrayHandler({
    token: 'consumer-token',
    public: true,
    allow: { slack: ['send_message'] },
    baseUrl: 'http://consumer.test/mock',
    fetch: async (input, init) =>
      app.request(input instanceof Request ? input : String(input), init),
  }),
)

const tray = createTrayClient({
  baseUrl: 'http://consumer.test/tray',
  token: null,
  fetch: async (input, init) => app.request(input instanceof Request ? input : String(input), init),
})
const output = await tray.callConnector('slack', '9.1', {
  operation: 'send_message',
  input: { channel: 'C0000GENERAL', text: 'through the edge app' },
})
if (output.ok !== true || mock.tasks !== 1)
  throw new Error('the call did not reach the mounted mock once')
const refused = await tray
  .callConnector('slack', '9.1', { operation: 'send_message', input: { text: 'no channel' } })
  .catch((error: unknown) => error)
if (!(refused instanceof TrayValidationError) || mock.tasks !== 1)
  throw new Error('an invalid call was not refused before it was billed')

export default app
