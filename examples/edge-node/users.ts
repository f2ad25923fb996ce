// The edge handler for end users: each signed-in user calls Tray with their own user token, so
// Tray itself keeps their authentications apart. The master token stays in this process.
import { serve } from '@hono/node-server'
import { createTrayUsers } from '@traykit/core/users'
import { createTrayHandler } from '@traykit/edge'
import { Hono } from 'hono'
import { verify } from 'hono/jwt'

const masterToken = process.env.TRAY_TOKEN
const sessionSecret = process.env.SESSION_SECRET
if (!masterToken || !sessionSecret)
  throw new Error('Set TRAY_TOKEN (the master token) and SESSION_SECRET in the environment')

// Unset, Tray's US GraphQL API; `traykit mock`'s URL serves it too, at /graphql.
const users = createTrayUsers({ masterToken, baseUrl: process.env.TRAY_API_URL })

// Your app creates the Tray user at sign-up; this example does it the first time it sees one.
const known = new Map<string, Promise<unknown>>()
function ensureOnce(userId: string): Promise<unknown> {
  let ensured = known.get(userId)
  if (!ensured) {
    ensured = users.ensure({ externalUserId: userId, name: userId })
    ensured.catch(() => known.delete(userId))
    known.set(userId, ensured)
  }
  return ensured
}

type Env = { Variables: { userId: string } }

const tray = createTrayHandler<Env>({
  baseUrl: process.env.TRAY_API_URL,
  // The signed-in user: the `sub` of an HS256 session JWT the browser sends as its bearer token.
  authorize: async (c) => {
    const session = c.req.header('authorization')?.replace(/^Bearer /, '')
    if (!session) return false
    const claims = await verify(session, sessionSecret, 'HS256').catch(() => undefined)
    if (typeof claims?.sub !== 'string') return false
    c.set('userId', claims.sub)
    return true
  },
  // Each caller's own token: cached until near expiry, one request to Tray per user at a time.
  token: async (c) => {
    await ensureOnce(c.get('userId'))
    return users.token(c.get('userId'))
  },
  // A token Tray refuses early (401) is replaced once and the request sent again.
  fetch: users.refreshOn401(),
  allow: { slack: ['send_message', 'list_workspaces_ddl', 'list_channels_ddl'] },
})

const app = new Hono().route('/tray', tray)

serve(
  { fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 8788) },
  (info) => {
    console.log(`Tray handler for end users on http://127.0.0.1:${info.port}/tray`)
  },
)
