import { createCacheApiStore, createTrayHandler } from '@traykit/edge'
import { Hono } from 'hono'
import { verify } from 'hono/jwt'

const token = Deno.env.get('TRAY_TOKEN')
const sessionSecret = Deno.env.get('SESSION_SECRET')
if (!token || !sessionSecret)
  throw new Error('Set TRAY_TOKEN and SESSION_SECRET in the environment')

const tray = createTrayHandler({
  token,
  // Unset, Tray's US host; the URL `traykit mock` prints tries everything without an account.
  baseUrl: Deno.env.get('TRAY_API_URL'),
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
  // Deno Deploy's Cache API keeps the catalog between isolates.
  cache: createCacheApiStore(caches.open('traykit')),
})

const app = new Hono().route('/tray', tray)

Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 8000) }, app.fetch)
