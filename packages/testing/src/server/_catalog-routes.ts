import type { Hono } from 'hono'
import { gate, type MockEnv } from './_gate'
import type { MockState } from './_state'
import { errorBody } from './_tray-messages'

const JSON_TYPE = { 'content-type': 'application/json' }

/** GET connectors, a connector version's operations, and a service version's environments. */
export function registerCatalogRoutes(app: Hono<MockEnv>, state: MockState): void {
  app.get('/core/v1/connectors', gate(state, 'connectors'), (c) =>
    c.body(state.catalog.connectorsBody, 200, JSON_TYPE),
  )

  app.get(
    '/core/v1/connectors/:connector/versions/:version/operations',
    gate(state, 'operations'),
    (c) => {
      const { connector: name, version } = c.req.param()
      const connector = state.catalog.connector(name, version)
      if (!connector) return c.json(errorBody(404, `Connector not found: ${name} ${version}`), 404)
      return c.body(state.catalog.operationsBody(connector), 200, JSON_TYPE)
    },
  )

  app.get(
    '/core/v1/services/:service/versions/:serviceVersion/environments',
    gate(state, 'environments'),
    (c) => {
      const { service: name, serviceVersion } = c.req.param()
      if (!/^\d+$/.test(serviceVersion)) {
        return c.json(errorBody(400, 'Invalid value for: path parameter service-version'), 400)
      }
      const service = state.catalog.environments(name, Number(serviceVersion))
      if (!service)
        return c.json(errorBody(404, `Service not found: ${name} ${serviceVersion}`), 404)
      return c.json({ elements: service.environments })
    },
  )
}
