import { readFileSync } from 'node:fs'
import { type Schema, Validator } from '@cfworker/json-schema'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { call, callPath, SEND_MESSAGE, send } from './__fixtures__/send'
import { createMockTray, type MockTray, type MockTrayOptions } from './index'

// A copy of shared/tray/tray-connectors.openapi.yaml, so the test runs in any clone of the repo.
const spec = parse(
  readFileSync(new URL('./__fixtures__/tray-connectors.openapi.yaml', import.meta.url), 'utf8'),
)
patchKnownDefects(spec.components.schemas)

const SEEDED = '0b6c5e7a-1f2d-4e3c-9a8b-7c6d5e4f3a2b'
const SLACK_ENV = '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1'
const UNKNOWN_ID = '5f0c6d1e-8a7b-4c3d-9e2f-1a0b9c8d7e6f'

/** Every operation of the OpenAPI file, with a request that succeeds against the mock. */
const ROUTES = {
  'get-connectors': { method: 'get', template: '/core/v1/connectors', path: '/core/v1/connectors' },
  'get-connector-operations': {
    method: 'get',
    template: '/core/v1/connectors/{connector-name}/versions/{connector-version}/operations',
    path: '/core/v1/connectors/slack/versions/9.1/operations',
  },
  'call-connector': {
    method: 'post',
    template: '/core/v1/connectors/{connector-name}/versions/{connector-version}/call',
    path: callPath('slack', '9.1'),
    body: SEND_MESSAGE,
  },
  'get-service-environments': {
    method: 'get',
    template: '/core/v1/services/{service-name}/versions/{service-version}/environments',
    path: '/core/v1/services/slack/versions/4/environments',
  },
  'create-user-authentication': {
    method: 'post',
    template: '/core/v1/authentications',
    path: '/core/v1/authentications',
    body: { name: 'Ada', serviceEnvironmentId: SLACK_ENV, credentials: { token: 't' } },
  },
  'get-user-authentication': {
    method: 'get',
    template: '/core/v1/authentications/{authentication-id}',
    path: `/core/v1/authentications/${SEEDED}`,
  },
  'update-user-authentication': {
    method: 'put',
    template: '/core/v1/authentications/{authentication-id}',
    path: `/core/v1/authentications/${SEEDED}`,
    body: { name: 'Ada 2', credentials: { token: 't2' } },
  },
  'delete-user-authentication': {
    method: 'delete',
    template: '/core/v1/authentications/{authentication-id}',
    path: `/core/v1/authentications/${SEEDED}`,
  },
} as const satisfies Record<
  string,
  { method: string; template: string; path: string; body?: unknown }
>

type RouteId = keyof typeof ROUTES
const ROUTE_IDS = Object.keys(ROUTES) as RouteId[]

interface Scenario {
  route: RouteId
  name: string
  options?: MockTrayOptions
  setup?: (mock: MockTray) => void | Promise<void>
  path?: string
  body?: unknown
  token?: string | null
  /** For exchanges that need more than one request. */
  run?: (mock: MockTray) => Promise<{ status: number; text: string; body: unknown }>
}

/** Scenarios of one route, each changing what it needs of the route's request. */
const on = (route: RouteId, scenarios: Omit<Scenario, 'route'>[]): Scenario[] =>
  scenarios.map((scenario) => ({ route, ...scenario }))

const UNKNOWN_AUTHENTICATION = `/core/v1/authentications/${UNKNOWN_ID}`
const NOT_A_UUID = '/core/v1/authentications/abc'

/** The mock's own answers: successes, Tray-made errors, rejections, limits. */
const natural: Scenario[] = [
  ...on('get-connectors', [
    { name: 'the list' },
    {
      name: 'over the rate limit',
      options: { limits: { burst: 1, requestsPerSecond: 0.001 } },
      setup: async (mock) => void (await send(mock, 'GET', '/core/v1/connectors')),
    },
  ]),
  ...on('get-connector-operations', [
    { name: 'the list' },
    { name: 'google-sheets', path: '/core/v1/connectors/google-sheets/versions/8.2/operations' },
    { name: 'unknown connector', path: '/core/v1/connectors/slak/versions/9.1/operations' },
  ]),
  ...on('call-connector', [
    { name: 'success' },
    { name: 'with an authId', body: { ...SEND_MESSAGE, authId: SEEDED } },
    {
      name: 'third-party error',
      path: callPath('shopify', '4.1'),
      body: { operation: 'get_order', input: { order_id: '0' } },
    },
    { name: 'unknown operation', body: { operation: 'nope', input: {} } },
    { name: 'DDL', body: { operation: 'list_channels_ddl', input: { workspace_id: 'T0000ACME' } } },
    {
      name: 'output schema',
      path: callPath('salesforce', '8.6'),
      body: {
        operation: 'get_record',
        input: { object_type: 'Account', record_id: 'r' },
        returnOutputSchema: true,
      },
    },
    {
      name: 'a page',
      path: callPath('salesforce', '8.6'),
      body: { operation: 'find_records', input: { object_type: 'Account' } },
    },
    {
      name: 'a handler throws',
      setup: (m) =>
        m.handle('slack', 'send_message', () => {
          throw new Error('down')
        }),
    },
    { name: 'invalid input', body: { operation: 'send_message', input: {} } },
    { name: 'malformed authId', body: { ...SEND_MESSAGE, authId: 'x' } },
    { name: 'not JSON', body: '{' },
    { name: 'unknown version', path: callPath('slack', '1.0') },
    { name: 'unknown authId', body: { ...SEND_MESSAGE, authId: UNKNOWN_ID } },
    {
      name: 'over the concurrency limit',
      options: { limits: { maxConcurrentCalls: 1 } },
      run: async (mock) => {
        let release = () => {}
        const held = new Promise<void>((resolve) => {
          release = resolve
        })
        let started = false
        mock.handle('slack', 'send_message', async () => {
          started = true
          await held
          return {}
        })
        const first = call(mock, 'slack', '9.1', SEND_MESSAGE)
        await expect.poll(() => started).toBe(true)
        const second = await call(mock, 'slack', '9.1', SEND_MESSAGE)
        release()
        await first
        return second
      },
    },
  ]),
  ...on('get-service-environments', [
    { name: 'slack' },
    { name: 'not an integer', path: '/core/v1/services/slack/versions/9.1/environments' },
    { name: 'unknown service', path: '/core/v1/services/nope/versions/1/environments' },
  ]),
  ...on('create-user-authentication', [
    { name: 'created' },
    { name: 'no name', body: { serviceEnvironmentId: SLACK_ENV } },
    { name: 'unknown environment', body: { name: 'A', serviceEnvironmentId: UNKNOWN_ID } },
  ]),
  ...on('get-user-authentication', [
    { name: 'found' },
    { name: 'not a UUID', path: NOT_A_UUID },
    { name: 'unknown', path: UNKNOWN_AUTHENTICATION },
  ]),
  ...on('update-user-authentication', [
    { name: 'updated' },
    { name: 'no credentials', body: { name: 'A' } },
    { name: 'unknown', path: UNKNOWN_AUTHENTICATION },
  ]),
  ...on('delete-user-authentication', [
    { name: 'deleted' },
    { name: 'not a UUID', path: NOT_A_UUID },
    { name: 'unknown', path: UNKNOWN_AUTHENTICATION },
  ]),
  // Every route answers 401 without a token.
  ...ROUTE_IDS.map((route) => ({ route, name: 'no token', token: null })),
]

async function exchange(scenario: Scenario) {
  const mock = createMockTray({
    authentications: [{ id: SEEDED, name: 'Seed', serviceEnvironmentId: SLACK_ENV }],
    ...scenario.options,
  })
  await scenario.setup?.(mock)
  if (scenario.run) return scenario.run(mock)
  const route: { method: string; path: string; body?: unknown } = ROUTES[scenario.route]
  return send(mock, route.method.toUpperCase(), scenario.path ?? route.path, {
    body: 'body' in scenario ? scenario.body : route.body,
    token: scenario.token,
  })
}

/** The declared responses of an operation, by status. */
function responsesOf(
  route: RouteId,
): Record<string, { content?: Record<string, { schema?: Schema }> }> {
  const { template, method } = ROUTES[route]
  return spec.paths[template][method].responses
}

/** Answers for every declared status the mock never gives by itself, made with mock.fail. */
const faults: Scenario[] = ROUTE_IDS.flatMap((route) =>
  Object.keys(responsesOf(route))
    .map(Number)
    .filter((status) => status >= 400)
    .map((status) => ({
      route,
      name: `mock.fail ${status}`,
      setup: (mock: MockTray) => void mock.fail({ status }),
    })),
)

describe('every answer of the mock fits the OpenAPI file', () => {
  const produced = new Map<RouteId, Set<string>>()

  it.each([...natural, ...faults].map((s) => [`${s.route}: ${s.name}`, s] as const))(
    '%s',
    async (_, scenario) => {
      const { status, text, body } = await exchange(scenario)
      const declared = responsesOf(scenario.route)[String(status)]
      expect(declared, `status ${status} is declared`).toBeDefined()
      const set = produced.get(scenario.route) ?? new Set()
      produced.set(scenario.route, set.add(String(status)))
      const json = declared?.content?.['application/json']
      if (!json) {
        // 204: text/html with an empty example.
        expect(text).toBe('')
        return
      }
      const result = new Validator(
        { ...json.schema, components: spec.components },
        '2020-12',
        false,
      ).validate(body)
      expect(result.errors.map((e) => `${e.instanceLocation}: ${e.error}`)).toEqual([])
    },
  )

  it('covers every operation and every status the file declares', () => {
    for (const route of ROUTE_IDS) {
      expect([...(produced.get(route) ?? [])].sort(), route).toEqual(
        Object.keys(responsesOf(route)).sort(),
      )
    }
    const operations = Object.values(spec.paths).flatMap((item) => Object.keys(item as object))
    expect(operations).toHaveLength(ROUTE_IDS.length)
  })
})

/**
 * TRAY_API.md, "A known defect in the published OpenAPI file": the schema-valued fields below
 * declare `additionalProperties: { oneOf: [...] }`, which rejects Tray's own examples (a
 * `required` array of strings, say), so they are free-form JSON; and the error bodies' `code`
 * is a string or, as in Tray's documented 400, null. Each patch checks the defect is there,
 * so a corrected file makes this test say so.
 */
function patchKnownDefects(
  schemas: Record<string, { properties: Record<string, Record<string, unknown>> }>,
) {
  const freeForm: [string, string][] = [
    ['PublicConnectorOperation', 'inputSchema'],
    ['PublicConnectorOperation', 'outputSchema'],
    ['PublicConnectorCallResult', 'output'],
    ['PublicServiceEnvironment', 'userDataSchema'],
    ['PublicServiceEnvironment', 'credentialsSchema'],
  ]
  for (const [name, field] of freeForm) {
    const property = schemas[name]!.properties[field]!
    expect(property.additionalProperties, `${name}.${field}`).toHaveProperty('oneOf')
    delete property.additionalProperties
  }
  const scopes = schemas.PublicServiceEnvironment!.properties.scopes!
  expect(scopes.items).toHaveProperty('oneOf')
  scopes.items = {}
  for (const name of [
    'InvalidInput',
    'Unauthorized',
    'Forbidden',
    'ResourceNotFound',
    'LimitExceeded',
    'InternalError',
  ]) {
    const code = schemas[name]!.properties.code!
    expect(code.type, `${name}.code`).toBe('string')
    code.type = ['string', 'null']
  }
}
