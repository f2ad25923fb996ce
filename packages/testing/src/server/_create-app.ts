import { Hono } from 'hono'
import { registerAuthenticationRoutes } from './_authentication-routes'
import { registerCallRoute } from './_call-route'
import { registerCatalogRoutes } from './_catalog-routes'
import { type MockEnv, record } from './_gate'
import { registerGraphQLRoute } from './_graphql-route'
import type { MockState } from './_state'
import { errorBody } from './_tray-messages'

/** The Hono app serving Tray's `/core/v1` routes from a mock's state. */
export function createApp(state: MockState): Hono<MockEnv> {
  const app = new Hono<MockEnv>()
  registerCatalogRoutes(app, state)
  registerCallRoute(app, state)
  registerAuthenticationRoutes(app, state)
  registerGraphQLRoute(app, state)
  app.notFound((c) => {
    record(state, {
      method: c.req.method,
      path: c.req.path,
      route: 'unknown',
      status: 404,
      billed: false,
      time: Date.now(),
    })
    return c.json(errorBody(404), 404)
  })
  // Only a mistake in a handler's answer lands here; say which, so the test author sees it.
  app.onError((error, c) => c.json(errorBody(500, `Internal error: ${error.message}`), 500))
  return app
}
