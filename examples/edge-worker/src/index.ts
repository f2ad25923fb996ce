import { createTrayHandler } from '@traykit/edge'
import { Hono } from 'hono'
import { verify } from 'hono/jwt'

/** Both are secrets: `wrangler secret put TRAY_TOKEN`, `wrangler secret put SESSION_SECRET`. */
type Bindings = { TRAY_TOKEN: string; SESSION_SECRET: string }

const tray = createTrayHandler<{ Bindings: Bindings }>({
  // Read per request: on Workers, secrets live in the request's env, not at module scope.
  token: (c) => c.env.TRAY_TOKEN,
  // Your sign-in decides who may use Tray through this Worker; here, an HS256 session JWT
  // that the browser sends as its bearer token.
  authorize: async (c) => {
    const session = c.req.header('authorization')?.replace(/^Bearer /, '')
    if (!session) return false
    return verify(session, c.env.SESSION_SECRET, 'HS256').then(
      () => true,
      () => false,
    )
  },
  allow: { slack: ['send_message', 'list_workspaces_ddl', 'list_channels_ddl'] },
})

const app = new Hono<{ Bindings: Bindings }>()
app.route('/tray', tray)

export default app
