import {
  type Authentication,
  AuthenticationSchema,
  AuthIdSchema,
  CreateAuthenticationSchema,
} from '@traykit/core'
import type { Context, Hono } from 'hono'
import * as v from 'valibot'
import { gate, type MockEnv } from './_gate'
import { readJson } from './_read-json'
import type { MockState, StoredAuthentication } from './_state'
import { bodyDecodeMessage, errorBody } from './_tray-messages'
import { mayUse } from './_users-state'

/** `UpdatePublicUserAuthenticationHttp`: a create body without the environment, credentials required. */
const UpdateAuthenticationSchema = v.required(
  v.omit(CreateAuthenticationSchema, ['serviceEnvironmentId']),
  ['credentials'],
)

const PUBLIC_FIELDS = Object.keys(AuthenticationSchema.entries)

/** Create, get, update and delete authentications, kept in the mock's state. */
export function registerAuthenticationRoutes(app: Hono<MockEnv>, state: MockState): void {
  app.post('/core/v1/authentications', gate(state, 'authentications'), async (c) => {
    const parsed = v.safeParse(CreateAuthenticationSchema, await readJson(c))
    if (!parsed.success) return c.json(errorBody(400, bodyDecodeMessage(parsed.issues[0])), 400)
    const input = parsed.output
    if (!state.catalog.hasEnvironment(input.serviceEnvironmentId)) {
      return c.json(
        errorBody(404, `Service environment not found: ${input.serviceEnvironmentId}`),
        404,
      )
    }
    const id = crypto.randomUUID()
    state.authentications.set(id, { ...input, id, owner: c.get('token') })
    c.get('entry').authId = id
    return c.json({ id })
  })

  app.get('/core/v1/authentications/:id', gate(state, 'authentications'), (c) => {
    const found = lookup(c, state)
    return found instanceof Response ? found : c.json(publicView(found))
  })

  app.put('/core/v1/authentications/:id', gate(state, 'authentications'), async (c) => {
    const found = lookup(c, state)
    if (found instanceof Response) return found
    const parsed = v.safeParse(UpdateAuthenticationSchema, await readJson(c))
    if (!parsed.success) return c.json(errorBody(400, bodyDecodeMessage(parsed.issues[0])), 400)
    const updated = { ...found, ...parsed.output }
    state.authentications.set(found.id, updated)
    return c.json(publicView(updated))
  })

  app.delete('/core/v1/authentications/:id', gate(state, 'authentications'), (c) => {
    const found = lookup(c, state)
    if (found instanceof Response) return found
    state.authentications.delete(found.id)
    return c.body(null, 204)
  })
}

/** The authentication a path names, or the 400/404 Tray answers instead. */
function lookup(c: Context<MockEnv>, state: MockState): StoredAuthentication | Response {
  const id = c.req.param('id') ?? ''
  c.get('entry').authId = id
  if (!v.is(AuthIdSchema, id)) {
    return c.json(
      errorBody(
        400,
        "Invalid value for: path parameter authentication-id (Couldn't decode a valid UUID)",
      ),
      400,
    )
  }
  const found = findAuthentication(state, id, c.get('token'))
  return found ?? c.json(errorBody(404, `Authentication not found: ${id}`), 404)
}

/** An authentication the token may use: a seed, or one the same token created. */
export function findAuthentication(
  state: MockState,
  id: string,
  token: string,
): StoredAuthentication | undefined {
  const found = state.authentications.get(id)
  return found && mayUse(state, found.owner, token) ? found : undefined
}

/** What Tray shows of an authentication: never its credentials, user data or owner. */
function publicView(authentication: StoredAuthentication): Authentication {
  const entries = Object.entries(authentication).filter(([key]) => PUBLIC_FIELDS.includes(key))
  return v.parse(AuthenticationSchema, Object.fromEntries(entries))
}
