import { describe, expect, it } from 'vitest'
import { errorOutcome } from '../__fixtures__/error-outcome'
import { call, SEND_MESSAGE, send } from '../__fixtures__/send'
import { createMockTray, type MockCatalog } from '../index'

describe('a successful call', () => {
  it("answers Tray's call example, filled from the input", async () => {
    const mock = createMockTray()
    const { status, body } = await call(mock, 'slack', '9.1', {
      operation: 'send_message',
      input: { channel: 'C0000GENERAL', text: 'Hello' },
    })
    expect(status).toBe(200)
    expect(body).toMatchObject({
      outcome: 'success',
      output: { ok: true, channel: 'C0000GENERAL', message: { text: 'Hello', type: 'message' } },
    })
  })

  it('samples the output schema when the catalog has no canned response', async () => {
    const catalog: MockCatalog = {
      connectors: [
        {
          name: 'crm',
          version: '1.0',
          title: 'CRM',
          description: 'A CRM',
          service: { id: 's', name: 'crm', version: 1 },
          operations: [
            {
              name: 'get_contact',
              title: 'Get contact',
              description: 'Gets a contact',
              inputSchema: { type: 'object', properties: {} },
              outputSchema: {
                type: 'object',
                properties: {
                  id: { type: 'integer' },
                  email: { type: 'string', format: 'email' },
                  tags: { type: 'array', items: { type: 'string' } },
                  status: { type: 'string', enum: ['active', 'lead'] },
                },
              },
              hasDynamicOutput: false,
            },
          ],
        },
      ],
    }
    const { body } = await call(createMockTray({ catalog }), 'crm', '1.0', {
      operation: 'get_contact',
      input: {},
    })
    expect(body).toEqual({
      outcome: 'success',
      output: { id: 1, email: 'user@example.com', tags: ['example'], status: 'active' },
    })
  })
})

describe('input validation (400, not billed)', () => {
  it("answers Tray's documented message for a missing key", async () => {
    const mock = createMockTray()
    const { status, body } = await call(mock, 'slack', '9.1', {
      operation: 'send_message',
      input: { text: 'Hello' },
    })
    expect(status).toBe(400)
    expect(body).toEqual({
      message:
        'Connector input validation failed. Schema validation errors: [ 1 - #: required key [channel] not found ]',
      code: null,
    })
    expect(mock.tasks).toBe(0)
  })

  it('numbers every finding and locates nested ones with a JSON pointer', async () => {
    const { body } = await call(createMockTray(), 'google-sheets', '8.2', {
      operation: 'get_rows',
      input: {
        spreadsheet_id: 'S1',
        number_of_rows: 10,
        colour: 'red',
        filter: { operator: 'Roughly' },
      },
    })
    const message = (body as { message: string }).message
    expect(message).toMatch(
      /^Connector input validation failed\. Schema validation errors: \[ 1 - /,
    )
    expect(message).toContain('#: required key [worksheet_name] not found')
    expect(message).toContain('#: extraneous key [colour] is not permitted')
    expect(message).toMatch(/#\/filter\/operator: operator must be one of: Equal to, /)
    expect(message).toMatch(/ 3 - .* ]$/)
  })

  // The exact message for each kind of finding: core reads these into TrayValidationError
  // issues, so a change here is a change to what users of @traykit/core see.
  const PREFIX = 'Connector input validation failed. Schema validation errors: [ '
  const ROW = { spreadsheet_id: 'S1', worksheet_name: 'Sheet1', value_input_option: 'RAW' }
  it.each([
    ['a missing key', 'slack', { text: 'hi' }, '1 - #: required key [channel] not found'],
    [
      'a wrong type',
      'slack',
      { channel: 42, text: 'hi' },
      '1 - #/channel: channel must be a string, not a number',
    ],
    [
      'an unknown key',
      'slack',
      { channel: 'C1', text: 'hi', colour: 'red' },
      '1 - #: extraneous key [colour] is not permitted',
    ],
    [
      'a value outside the enum',
      'sheets',
      { ...ROW, value_input_option: 'CLEVER', data: [{ column_heading: 'A', value: 1 }] },
      '1 - #/value_input_option: value_input_option must be one of: Raw value (RAW), User entered (USER_ENTERED)',
    ],
    [
      'several at once, nested ones at their parent',
      'sheets',
      { ...ROW, data: [{ value: [1], extra: 2 }] },
      '1 - #/data/0: required key [column_heading] not found, ' +
        '2 - #/data/0/value: value must be a string, a number or a boolean, not an array, ' +
        '3 - #/data/0: extraneous key [extra] is not permitted',
    ],
  ] as const)('words %s in the form of the documented message', async (_, where, input, list) => {
    const [connector, version, operation] =
      where === 'slack' ? ['slack', '9.1', 'send_message'] : ['google-sheets', '8.2', 'create_row']
    const { status, body } = await call(createMockTray(), connector, version, { operation, input })
    expect(status).toBe(400)
    expect(body).toEqual({ message: `${PREFIX}${list} ]`, code: null })
  })
})

describe('payloads Tray cannot decode (400, not billed)', () => {
  it('answers the documented message for a malformed authId', async () => {
    const { status, body } = await call(createMockTray(), 'slack', '9.1', {
      ...SEND_MESSAGE,
      authId: 'not-a-uuid',
    })
    expect(status).toBe(400)
    expect(body).toEqual({
      message: "Invalid value for: body (Couldn't decode a valid UUID at 'authId')",
    })
  })

  it('names the missing field, the wrong type, or a body that is not JSON', async () => {
    const mock = createMockTray()
    expect((await call(mock, 'slack', '9.1', { input: {} })).body).toEqual({
      message: "Invalid value for: body (Missing required field at 'operation')",
    })
    expect(
      (await call(mock, 'slack', '9.1', { operation: 'send_message', input: [] })).body,
    ).toEqual({
      message:
        "Invalid value for: body (Got value '[]' with wrong type, expecting object at 'input')",
    })
    const notJson = await call(mock, 'slack', '9.1', '{"operation": ')
    expect(notJson).toMatchObject({
      status: 400,
      body: { message: 'Invalid value for: body (expected a JSON object)' },
    })
    expect(mock.tasks).toBe(0)
  })
})

describe('unknown names', () => {
  it('answers 404 for an unknown connector, version or authId', async () => {
    const mock = createMockTray()
    expect(await call(mock, 'slak', '9.1', SEND_MESSAGE)).toMatchObject({
      status: 404,
      body: { message: 'Connector not found: slak 9.1' },
    })
    expect(await call(mock, 'slack', '9.9', SEND_MESSAGE)).toMatchObject({ status: 404 })
    const authId = '5f0c6d1e-8a7b-4c3d-9e2f-1a0b9c8d7e6f'
    expect(await call(mock, 'slack', '9.1', { ...SEND_MESSAGE, authId })).toMatchObject({
      status: 404,
      body: { message: `Authentication not found: ${authId}` },
    })
    expect(mock.tasks).toBe(0)
  })

  it('answers an unknown operation with a billed outcome "error", as Tray does', async () => {
    const mock = createMockTray()
    const { status, body } = await call(mock, 'slack', '9.1', {
      operation: 'send_messages',
      input: {},
    })
    expect(status).toBe(200)
    expect(body).toEqual(
      errorOutcome(
        404,
        'Operation not found: send_messages',
        'The operation "send_messages" does not exist in slack 9.1.',
      ),
    )
    expect(mock.tasks).toBe(1)
  })
})

describe('third-party errors', () => {
  it("answers the catalog's canned error for the input that provokes it", async () => {
    const { status, body } = await call(createMockTray(), 'shopify', '4.1', {
      operation: 'get_order',
      input: { order_id: '0' },
    })
    expect(status).toBe(200)
    expect(body).toEqual(
      errorOutcome(404, 'Not Found', 'Not found. Looks like this has been removed.'),
    )
  })
})

describe('DDL operations', () => {
  it('answer { result: [{ text, value }] } depending on the input', async () => {
    const mock = createMockTray()
    const ddl = async (input: Record<string, unknown>) =>
      (await call(mock, 'slack', '9.1', { operation: 'list_channels_ddl', input })).body
    expect(await ddl({ workspace_id: 'T0000ACME', include_private_channels: false })).toEqual({
      outcome: 'success',
      output: {
        result: [
          { text: '#general', value: 'C0000GENERAL' },
          { text: '#random', value: 'C00000RANDOM' },
        ],
      },
    })
    expect(await ddl({ workspace_id: 'T0000ACME', include_private_channels: true })).toMatchObject({
      output: { result: [{}, {}, { value: 'G00000LEADERS' }] },
    })
    expect(await ddl({ workspace_id: 'T000GLOBEX' })).toEqual({
      outcome: 'success',
      output: { result: [{ text: '#announcements', value: 'C000ANNOUNCE' }] },
    })
    expect(await ddl({ workspace_id: 'T-UNKNOWN' })).toEqual({
      outcome: 'success',
      output: { result: [] },
    })
  })
})

describe('dynamic output', () => {
  it('answers { output_schema } for returnOutputSchema, per input', async () => {
    const mock = createMockTray()
    const schemaOf = async (objectType: string) =>
      (
        await call(mock, 'salesforce', '8.6', {
          operation: 'get_record',
          input: { object_type: objectType, record_id: '0015g00000A1' },
          returnOutputSchema: true,
        })
      ).body as { outcome: string; output: { output_schema: { properties: object } } }
    const account = await schemaOf('Account')
    expect(account.outcome).toBe('success')
    expect(Object.keys(account.output.output_schema.properties)).toEqual(['Id', 'Name', 'Industry'])
    const contact = await schemaOf('Contact')
    expect(Object.keys(contact.output.output_schema.properties)).toEqual([
      'Id',
      'FirstName',
      'LastName',
      'Email',
    ])
  })

  it('answers the data without returnOutputSchema, and ignores it on static operations', async () => {
    const mock = createMockTray()
    const record = await call(mock, 'salesforce', '8.6', {
      operation: 'get_record',
      input: { object_type: 'Account', record_id: '0015g00000A9' },
    })
    expect(record.body).toEqual({
      outcome: 'success',
      output: { Id: '0015g00000A9', Name: 'Acme', Industry: 'Manufacturing' },
    })
    const sent = await call(mock, 'slack', '9.1', { ...SEND_MESSAGE, returnOutputSchema: true })
    expect(sent.body).toMatchObject({ outcome: 'success', output: { ok: true } })
  })
})

describe('a paginated operation', () => {
  it('serves pages through its cursor fields until next_page_offset is null', async () => {
    const mock = createMockTray()
    const pages: unknown[] = []
    let offset: string | null | undefined
    do {
      const input =
        offset === undefined
          ? { object_type: 'Account' }
          : { object_type: 'Account', page_offset: offset }
      const { body } = await call(mock, 'salesforce', '8.6', { operation: 'find_records', input })
      const output = (
        body as { output: { records: { Name: string }[]; next_page_offset: string | null } }
      ).output
      pages.push(output)
      offset = output.next_page_offset
    } while (offset !== null && pages.length < 10)
    expect(pages).toEqual([
      {
        records: [
          expect.objectContaining({ Name: 'Acme' }),
          expect.objectContaining({ Name: 'Globex' }),
        ],
        next_page_offset: '2',
        total: 5,
      },
      {
        records: [
          expect.objectContaining({ Name: 'Initech' }),
          expect.objectContaining({ Name: 'Umbrella' }),
        ],
        next_page_offset: '4',
        total: 5,
      },
      { records: [expect.objectContaining({ Name: 'Hooli' })], next_page_offset: null, total: 5 },
    ])
    expect(mock.tasks).toBe(3)
  })

  it('takes the page size from batch_size and refuses a cursor it never gave', async () => {
    const mock = createMockTray()
    const big = await call(mock, 'salesforce', '8.6', {
      operation: 'find_records',
      input: { object_type: 'Contact', batch_size: 3 },
    })
    expect(big.body).toMatchObject({ output: { next_page_offset: null, total: 3 } })
    expect((big.body as { output: { records: unknown[] } }).output.records).toHaveLength(3)
    const bad = await call(mock, 'salesforce', '8.6', {
      operation: 'find_records',
      input: { object_type: 'Contact', page_offset: 'abc' },
    })
    expect(bad.body).toMatchObject({
      outcome: 'error',
      output: { response: { statusCode: 400 }, message: 'Invalid page_offset: "abc"' },
    })
  })
})

describe('authentications in calls', () => {
  it("refuses another token's authentication with 404", async () => {
    const mock = createMockTray()
    const created = await send(mock, 'POST', '/core/v1/authentications', {
      token: 'user-a',
      body: { name: 'A', serviceEnvironmentId: '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1' },
    })
    const authId = (created.body as { id: string }).id
    const body = { ...SEND_MESSAGE, authId }
    expect((await call(mock, 'slack', '9.1', body, { token: 'user-a' })).status).toBe(200)
    expect((await call(mock, 'slack', '9.1', body, { token: 'user-b' })).status).toBe(404)
    expect(mock.calls.at(-2)).toMatchObject({ authId, billed: true })
  })
})
