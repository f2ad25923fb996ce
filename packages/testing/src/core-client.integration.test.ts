import {
  createTrayClient,
  TrayAuthenticationError,
  type TrayClientOptions,
  TrayConnectionError,
  TrayConnectorError,
  TrayNotFoundError,
  TrayRateLimitError,
  TrayResponseError,
  TrayServerError,
  TrayTimeoutError,
  TrayValidationError,
} from '@traykit/core'
import { describe, expect, it, vi } from 'vitest'
import { SEND_MESSAGE } from './__fixtures__/send'
import { createMockTray, type MockTray, type MockTrayOptions } from './index'

// @traykit/core's client against the mock: the integration tests of core, run where the mock lives.

const TOKEN = 'master-token-7d1e4c'
const SLACK_ENV = '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1'

function setup(options: MockTrayOptions = {}, client: TrayClientOptions = {}) {
  const mock = createMockTray({ tokens: [TOKEN], ...options })
  const tray = createTrayClient({
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    token: TOKEN,
    ...client,
  })
  return { mock, tray }
}

const routeCount = (mock: MockTray, route: string) =>
  mock.calls.filter((c) => c.route === route).length

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

describe('catalog', () => {
  it('lists connectors and finds the latest version', async () => {
    const { tray } = setup()
    expect((await tray.listConnectors()).map((c) => c.name)).toContain('twilio-output')
    expect((await tray.listConnectorVersions('slack')).map((c) => c.version)).toEqual([
      '9.1',
      '9.0',
    ])
    expect(await tray.getConnector('slack')).toMatchObject({ name: 'slack', version: '9.1' })
    expect(await tray.getConnector('slack', '9.0')).toMatchObject({ version: '9.0' })
    await expect(tray.getConnector('slak')).rejects.toBeInstanceOf(TrayNotFoundError)
  })

  it('lists operations and finds one', async () => {
    const { tray, mock } = setup()
    expect((await tray.listOperations('slack', '9.1')).map((op) => op.name)).toContain(
      'list_channels_ddl',
    )
    expect(await tray.getOperation('google-sheets', '8.2', 'get_rows')).toMatchObject({
      hasDynamicOutput: false,
      inputSchema: { required: ['spreadsheet_id', 'worksheet_name', 'number_of_rows'] },
    })
    await expect(tray.listOperations('slack', '1.0')).rejects.toBeInstanceOf(TrayNotFoundError)
    expect(routeCount(mock, 'operations')).toBe(3)
  })

  it("lists a service's environments", async () => {
    const { tray } = setup()
    expect(await tray.listServiceEnvironments('slack', 4)).toMatchObject([{ id: SLACK_ENV }])
  })
})

describe('callConnector', () => {
  it('returns the output of a success', async () => {
    const { tray, mock } = setup()
    expect(await tray.callConnector('slack', '9.1', SEND_MESSAGE)).toMatchObject({
      ok: true,
      channel: 'C1',
    })
    expect(mock.tasks).toBe(1)
  })

  it('throws TrayConnectorError on outcome "error", or returns it with throwOnError: false', async () => {
    const { tray, mock } = setup()
    const payload = { operation: 'get_order', input: { order_id: '0' } }
    const error = await failure(tray.callConnector('shopify', '4.1', payload))
    expect(error).toBeInstanceOf(TrayConnectorError)
    expect(error).toMatchObject({ statusCode: 404, output: { response: { body: 'Not Found' } } })
    expect(
      await tray.callConnector('shopify', '4.1', payload, { throwOnError: false }),
    ).toMatchObject({
      outcome: 'error',
    })
    expect(mock.tasks).toBe(2)
  })

  it('refuses an invalid input before sending: nothing billed', async () => {
    const { tray, mock } = setup()
    const error = await failure(
      tray.callConnector('slack', '9.1', { operation: 'send_message', input: {} }),
    )
    expect(error).toBeInstanceOf(TrayValidationError)
    expect(error).toMatchObject({
      issues: expect.arrayContaining([{ path: 'input.channel', message: expect.any(String) }]),
    })
    expect(routeCount(mock, 'call')).toBe(0)
  })

  it("surfaces Tray's 400 when asked not to validate", async () => {
    const { tray, mock } = setup()
    const error = await failure(
      tray.callConnector(
        'slack',
        '9.1',
        { operation: 'send_message', input: { text: 'hi' } },
        { validate: false },
      ),
    )
    // Core reads Tray's own 400 into the same error as its local check, with the server's fields.
    expect(error).toBeInstanceOf(TrayValidationError)
    expect(error).toMatchObject({
      status: 400,
      code: null,
      issues: [{ path: 'input.channel', message: 'required key [channel] not found' }],
      body: {
        message:
          'Connector input validation failed. Schema validation errors: [ 1 - #: required key [channel] not found ]',
      },
    })
    expect(mock.tasks).toBe(0)
  })

  it("reads every finding of Tray's 400 as an issue, whatever its kind", async () => {
    const { tray } = setup()
    const input = {
      spreadsheet_id: 'S1',
      worksheet_name: 'Sheet1',
      value_input_option: 'CLEVER',
      data: [{ value: [1], extra: 2 }],
      colour: 'red',
    }
    const error = await failure(
      tray.callConnector(
        'google-sheets',
        '8.2',
        { operation: 'create_row', input },
        { validate: false },
      ),
    )
    expect(error).toBeInstanceOf(TrayValidationError)
    expect((error as TrayValidationError).issues.map((issue) => issue.path).sort()).toEqual(
      [
        'input.colour',
        'input.data.0.column_heading',
        'input.data.0.extra',
        'input.data.0.value',
        'input.value_input_option',
      ].sort(),
    )
  })

  it('reads pages with paginate', async () => {
    const { paginate } = await import('@traykit/core')
    const { tray, mock } = setup()
    const names: unknown[] = []
    for await (const record of paginate<{ Name: string }>(tray, {
      connector: 'salesforce',
      version: '8.6',
      operation: 'find_records',
      input: { object_type: 'Account' },
      cursor: { input: 'page_offset', output: 'next_page_offset' },
      items: 'records',
    })) {
      names.push(record.Name)
    }
    expect(names).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli'])
    expect(mock.tasks).toBe(3)
  })
})

describe('authentications', () => {
  it('creates, reads, uses and deletes one', async () => {
    const { tray, mock } = setup()
    const { id } = await tray.createAuthentication({
      name: "Ada's Slack",
      serviceEnvironmentId: SLACK_ENV,
      credentials: { access_token: 'xoxp-1' },
    })
    expect(await tray.getAuthentication(id)).toEqual({
      id,
      name: "Ada's Slack",
      serviceEnvironmentId: SLACK_ENV,
    })
    await tray.callConnector('slack', '9.1', { ...SEND_MESSAGE, authId: id })
    expect(mock.calls.at(-1)).toMatchObject({ route: 'call', authId: id, billed: true })
    await tray.deleteAuthentication(id)
    await expect(tray.getAuthentication(id)).rejects.toBeInstanceOf(TrayNotFoundError)
  })
})

describe('errors', () => {
  it('throws TrayAuthenticationError for a token the mock does not know, never showing it', async () => {
    const mock = createMockTray({ tokens: [TOKEN] })
    const wrong = 'wrong-token-91c2'
    const tray = createTrayClient({ baseUrl: 'http://tray.test', fetch: mock.fetch, token: wrong })
    const error = await failure(tray.listConnectors())
    expect(error).toBeInstanceOf(TrayAuthenticationError)
    expect(error).toMatchObject({ status: 401, message: 'The request is unauthorized' })
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(wrong)
  })

  it('keeps the token out of an error even when the server echoes it', async () => {
    const { tray, mock } = setup({}, { maxRetries: 0 })
    mock.fail({ status: 403, body: { message: `token ${TOKEN} may not do this` } })
    const error = await failure(tray.listConnectors())
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(TOKEN)
  })

  it('throws TrayResponseError for a body that is not JSON', async () => {
    const { tray, mock } = setup()
    mock.malformed({ match: { route: 'connectors' } })
    await expect(tray.listConnectors()).rejects.toBeInstanceOf(TrayResponseError)
  })
})

describe('retries (the no-double-billing rule)', () => {
  it('never retries a call after a 5xx: it may have run', async () => {
    const { tray, mock } = setup()
    mock.fail({ status: 500, match: { route: 'call' } })
    await expect(tray.callConnector('slack', '9.1', SEND_MESSAGE)).rejects.toBeInstanceOf(
      TrayServerError,
    )
    expect(routeCount(mock, 'call')).toBe(1)
  })

  it('retries a call after a 429: it did not run', async () => {
    const { tray, mock } = setup()
    mock.fail({ status: 429, retryAfter: 0, times: 1, match: { route: 'call' } })
    expect(await tray.callConnector('slack', '9.1', SEND_MESSAGE)).toMatchObject({ ok: true })
    expect(mock.calls.filter((c) => c.route === 'call').map((c) => c.status)).toEqual([429, 200])
    expect(mock.tasks).toBe(1)
  })

  it('never retries a call whose connection dropped after it ran', async () => {
    const { tray, mock } = setup()
    mock.drop({ match: { route: 'call' }, runFirst: true })
    const error = await failure(tray.callConnector('slack', '9.1', SEND_MESSAGE))
    expect(error).toBeInstanceOf(TrayConnectionError)
    expect(routeCount(mock, 'call')).toBe(1)
    expect(mock.tasks).toBe(1)
  })

  it('retries a GET after a 5xx or a dropped connection', async () => {
    const { tray, mock } = setup()
    mock.fail({ status: 500, times: 1, match: { route: 'connectors' } })
    mock.drop({ times: 1, match: { route: 'operations' } })
    expect(await tray.listConnectors()).toHaveLength(6)
    expect(await tray.listOperations('slack', '9.1')).toHaveLength(5)
    expect(mock.calls.map((c) => [c.route, c.status])).toEqual([
      ['connectors', 500],
      ['connectors', 200],
      ['operations', 0],
      ['operations', 200],
    ])
  })

  it('gives up after maxRetries', async () => {
    const { tray, mock } = setup({}, { maxRetries: 1 })
    mock.fail({ status: 503 })
    await expect(tray.listConnectors()).rejects.toBeInstanceOf(TrayServerError)
    expect(routeCount(mock, 'connectors')).toBe(2)
  })
})

describe('timeouts', () => {
  it('times a slow call out and does not send it again', async () => {
    const { tray, mock } = setup({}, { timeout: 50 })
    mock.delay({ ms: 60_000, match: { route: 'call' } })
    await expect(tray.callConnector('slack', '9.1', SEND_MESSAGE)).rejects.toBeInstanceOf(
      TrayTimeoutError,
    )
    await vi.waitFor(() => expect(mock.calls.filter((c) => c.route === 'call')).toHaveLength(1))
    expect(mock.calls.at(-1)).toMatchObject({ status: 499, billed: false })
  })

  it('retries a GET that timed out', async () => {
    const { tray, mock } = setup({}, { timeout: 1_000 })
    mock.delay({ ms: 60_000, times: 1, match: { route: 'connectors' } })
    expect(await tray.listConnectors()).toHaveLength(6)
    expect(mock.calls.map((c) => c.status)).toEqual([499, 200])
  })
})

describe('limits', () => {
  it("keeps the client's limiter within the mock's limits, which catch a client without one", async () => {
    // The mock allows 10 more than the client's burst: room for the scheduling noise between two clocks.
    // Authentication reads are neither cached nor shared: each read is a request.
    const limited = setup({ limits: { burst: 60 } }, { maxRetries: 0 })
    const { id } = await limited.tray.createAuthentication({
      name: 'paced',
      serviceEnvironmentId: SLACK_ENV,
    })
    const read = () => limited.tray.getAuthentication(id)
    const paced = await Promise.allSettled(Array.from({ length: 70 }, read))
    expect(paced.filter((r) => r.status === 'rejected')).toEqual([])
    expect(routeCount(limited.mock, 'authentications')).toBe(71)

    const unlimited = setup({ limits: true }, { maxRetries: 0, limits: false })
    const created = await unlimited.tray.createAuthentication({
      name: 'flood',
      serviceEnvironmentId: SLACK_ENV,
    })
    const flood = await Promise.allSettled(
      Array.from({ length: 70 }, () => unlimited.tray.getAuthentication(created.id)),
    )
    const refused = flood.filter((r) => r.status === 'rejected').map((r) => r.reason)
    expect(refused.length).toBeGreaterThan(0)
    expect(refused.every((e) => e instanceof TrayRateLimitError)).toBe(true)
  })
})
