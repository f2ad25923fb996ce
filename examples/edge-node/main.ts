import { serve } from '@hono/node-server'
import { createTrayHandler } from '@traykit/edge'
import { Hono } from 'hono'
import { verify } from 'hono/jwt'

const token = process.env.TRAY_TOKEN
const sessionSecret = process.env.SESSION_SECRET
if (!token || !sessionSecret)
  throw new Error('Set TRAY_TOKEN and SESSION_SECRET in the environment')

const tray = createTrayHandler({
  token,
  // Unset, Tray's US host; the URL `traykit mock` prints tries everything without an account.
  baseUrl: process.env.TRAY_API_URL,
  // Your sign-in decides who may use Tray through this server; here, an HS256 session JWT
  // that the browser sends as its bearer token.
  authorize: async (c) => {
    const session = c.req.header('authorization')?.replace(/^Bearer /, '')
    if (!session) return false
    return verify(session, sessionSecret, 'HS256').then(
      () => true,
      () => false,
    )
  },
  allow: { slack: ['send_message', 'list_workspaces_ddl', 'list_channels_ddl'] },
})

const app = new Hono().route('/tray', tray)

serve(
  { fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 8787) },
  (info) => {
    console.log(`Tray handler on http://127.0.0.1:${info.port}/tray`)
  },
)
