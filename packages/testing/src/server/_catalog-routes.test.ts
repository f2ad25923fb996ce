import { describe, expect, it } from 'vitest'
import { send } from '../__fixtures__/send'
import { createMockTray } from '../index'

/** A GET from a fresh mock serving the default catalog. */
const get = (path: string) => send(createMockTray(), 'GET', path)

describe('GET /core/v1/connectors', () => {
  it('lists every connector version of the catalog, without their operations', async () => {
    const { status, body } = await get('/core/v1/connectors')
    expect(status).toBe(200)
    const elements = (body as { elements: Record<string, unknown>[] }).elements
    expect(elements.map((c) => `${c.name} ${c.version}`)).toEqual([
      'slack 9.0',
      'slack 9.1',
      'twilio-output 2.1',
      'shopify 4.1',
      'google-sheets 8.2',
      'salesforce 8.6',
    ])
    expect(elements[0]).toEqual({
      name: 'slack',
      version: '9.0',
      title: 'Slack',
      description: 'Slack connector',
      service: { id: '3e21b055-1597-40ae-bcc2-72af0843b283', name: 'slack', version: 4 },
    })
  })
})

describe('GET .../versions/{version}/operations', () => {
  it("lists a version's operations as Tray does, without the mock's canned responses", async () => {
    const { status, body } = await get('/core/v1/connectors/slack/versions/9.0/operations')
    expect(status).toBe(200)
    const elements = (body as { elements: Record<string, unknown>[] }).elements
    expect(elements.map((op) => op.name)).toEqual([
      'send_message',
      'send_reminder',
      'list_workspaces_ddl',
      'list_channels_ddl',
    ])
    expect(elements.every((op) => !('mockResponses' in op))).toBe(true)
    expect(elements[0]).toMatchObject({
      title: 'Send Message',
      hasDynamicOutput: false,
      authScopes: ['chat:write:bot', 'chat:write:user', 'channels:write', 'channels:read'],
      inputSchema: { required: ['message', 'time', 'channel_id'], additionalProperties: false },
    })
  })

  it.each([
    [
      'connector',
      '/core/v1/connectors/slak/versions/9.1/operations',
      'Connector not found: slak 9.1',
    ],
    ['version', '/core/v1/connectors/slack/versions/7/operations', 'Connector not found: slack 7'],
  ])('answers 404 for an unknown %s', async (_, path, message) => {
    expect(await get(path)).toMatchObject({ status: 404, body: { message } })
  })
})

describe('GET /core/v1/services/{service}/versions/{version}/environments', () => {
  it("lists a service version's environments", async () => {
    const { status, body } = await get('/core/v1/services/slack/versions/4/environments')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      elements: [{ id: '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1', authenticationType: 'oauth2' }],
    })
  })

  it.each([
    [
      '400 for a service version that is not an integer',
      '/core/v1/services/slack/versions/9.1/environments',
      400,
      'Invalid value for: path parameter service-version',
    ],
    [
      '404 for an unknown one',
      '/core/v1/services/slack/versions/5/environments',
      404,
      'Service not found: slack 5',
    ],
  ])('answers %s', async (_, path, status, message) => {
    expect(await get(path)).toMatchObject({ status, body: { message } })
  })
})

describe('paths that are no Tray route', () => {
  it('answer 404 and are journaled as unknown', async () => {
    const mock = createMockTray()
    const response = await send(mock, 'GET', '/core/v1/connectorz')
    expect(response).toMatchObject({ status: 404, body: { message: 'Not found' } })
    expect(mock.calls).toMatchObject([
      { route: 'unknown', status: 404, path: '/core/v1/connectorz' },
    ])
  })
})
