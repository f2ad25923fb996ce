import { describe, expect, it } from 'vitest'
import { send } from '../__fixtures__/send'
import { createMockTray } from '../index'

describe('GET /core/v1/connectors', () => {
  it('lists every connector version of the catalog, without their operations', async () => {
    const { status, body } = await send(createMockTray(), 'GET', '/core/v1/connectors')
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
    const { status, body } = await send(
      createMockTray(),
      'GET',
      '/core/v1/connectors/slack/versions/9.0/operations',
    )
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

  it('answers 404 for an unknown connector or version', async () => {
    const mock = createMockTray()
    const unknownName = await send(mock, 'GET', '/core/v1/connectors/slak/versions/9.1/operations')
    expect(unknownName).toMatchObject({
      status: 404,
      body: { message: 'Connector not found: slak 9.1' },
    })
    const unknownVersion = await send(
      mock,
      'GET',
      '/core/v1/connectors/slack/versions/7/operations',
    )
    expect(unknownVersion).toMatchObject({
      status: 404,
      body: { message: 'Connector not found: slack 7' },
    })
  })
})

describe('GET /core/v1/services/{service}/versions/{version}/environments', () => {
  it("lists a service version's environments", async () => {
    const { status, body } = await send(
      createMockTray(),
      'GET',
      '/core/v1/services/slack/versions/4/environments',
    )
    expect(status).toBe(200)
    expect(body).toMatchObject({
      elements: [{ id: '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1', authenticationType: 'oauth2' }],
    })
  })

  it('answers 400 for a service version that is not an integer, 404 for an unknown one', async () => {
    const mock = createMockTray()
    const connectorVersion = await send(
      mock,
      'GET',
      '/core/v1/services/slack/versions/9.1/environments',
    )
    expect(connectorVersion).toMatchObject({
      status: 400,
      body: { message: 'Invalid value for: path parameter service-version' },
    })
    const unknown = await send(mock, 'GET', '/core/v1/services/slack/versions/5/environments')
    expect(unknown).toMatchObject({ status: 404, body: { message: 'Service not found: slack 5' } })
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
