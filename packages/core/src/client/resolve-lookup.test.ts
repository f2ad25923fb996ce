import { describe, expect, it } from 'vitest'
import { TrayServerError } from '../errors/tray-api-error'
import { TrayResponseError } from '../errors/tray-transport-errors'
import { TrayValidationError } from '../errors/tray-validation-error'
import sheets from '../input-schema/__fixtures__/google-sheets-operations.json'
import slack from '../input-schema/__fixtures__/slack-operations.json'
import { AUTH_ID, type Step, scriptedFetch, TOKEN } from './__fixtures__/scripted-fetch'
import { createTrayClient } from './create-tray-client'
import { getOutputSchema } from './get-output-schema'
import { resolveLookup } from './resolve-lookup'

const options = {
  result: [
    { text: '#general', value: 'C01' },
    { text: '#random', value: 'C02' },
  ],
}

function client(operations: unknown, ...steps: Step[]) {
  const server = scriptedFetch({ status: 200, body: operations }, ...steps)
  return { server, tray: createTrayClient({ token: TOKEN, fetch: server.fetch }) }
}

describe('resolveLookup', () => {
  it('runs the DDL with its templates filled from the input, and returns its options', async () => {
    const { server, tray } = client(slack, {
      status: 200,
      body: { outcome: 'success', output: options },
    })
    const result = await resolveLookup(tray, {
      connector: 'slack',
      version: '9.1',
      operation: 'send_message',
      field: 'channel_id',
      input: { workspace_id: 'T123' },
      authId: AUTH_ID,
    })
    expect(result).toEqual(options.result)
    expect(server.requests[1]?.body).toEqual({
      operation: 'list_channels_ddl',
      input: { include_private_channels: false, workspace_id: 'T123' },
      authId: AUTH_ID,
    })
  })

  it('accepts the `operation` spelling and `{{field}}` templates, in nested fields', async () => {
    const { server, tray } = client(sheets, {
      status: 200,
      body: { outcome: 'success', output: options },
    })
    await resolveLookup(tray, {
      connector: 'sheets',
      version: '1.0',
      operation: 'get_rows',
      field: 'filter.column_heading',
      input: { spreadsheet_id: 'S1', worksheet_name: 'Q3' },
    })
    expect(server.requests[1]?.body).toEqual({
      operation: 'list_worksheet_column_headers_ddl',
      input: { spreadsheet_id: 'S1', worksheet_name: 'Q3' },
    })
  })

  it('refuses without a call while a field it depends on is empty', async () => {
    const { server, tray } = client(slack)
    const error = await resolveLookup(tray, {
      connector: 'slack',
      version: '9.1',
      operation: 'send_message',
      field: 'channel_id',
      input: { workspace_id: '' },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayValidationError)
    expect((error as TrayValidationError).issues).toEqual([
      { path: 'workspace_id', message: 'workspace_id is needed to list the options of channel_id' },
    ])
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('names the fields that have lookups when asked for one that has none', async () => {
    const { tray } = client(slack)
    await expect(
      resolveLookup(tray, {
        connector: 'slack',
        version: '9.1',
        operation: 'send_message',
        field: 'message',
      }),
    ).rejects.toMatchObject({
      // Said once, then where: the summary and the issue do not repeat each other.
      message:
        'message has no lookup in send_message; nothing was sent\n' +
        '  - message: has no lookup; the fields with one are workspace_id, channel_id',
    })
  })

  it('retries the DDL like a read after a 502: a DDL only reads', async () => {
    const { server, tray } = client(
      slack,
      { status: 502, body: { message: 'Bad gateway' } },
      { status: 200, body: { outcome: 'success', output: options } },
    )
    const params = {
      connector: 'slack',
      version: '9.1',
      operation: 'send_message',
      field: 'workspace_id',
    }
    expect(await resolveLookup(tray, params)).toEqual(options.result)
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(2)
  })

  it('idempotent: false sends the DDL once', async () => {
    const { server, tray } = client(
      slack,
      { status: 502, body: { message: 'Bad gateway' } },
      { status: 200, body: { outcome: 'success', output: options } },
    )
    const error = await resolveLookup(
      tray,
      { connector: 'slack', version: '9.1', operation: 'send_message', field: 'workspace_id' },
      { idempotent: false },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayServerError)
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  it('says so when the DDL does not answer with options', async () => {
    const { tray } = client(slack, {
      status: 200,
      body: { outcome: 'success', output: { channels: [] } },
    })
    await expect(
      resolveLookup(tray, {
        connector: 'slack',
        version: '9.1',
        operation: 'send_message',
        field: 'workspace_id',
      }),
    ).rejects.toBeInstanceOf(TrayResponseError)
  })
})

describe('getOutputSchema', () => {
  const dynamic = {
    elements: [
      {
        name: 'find_records',
        title: 'Find records',
        description: '',
        hasDynamicOutput: true,
        inputSchema: {
          type: 'object',
          properties: { object: { type: 'string' } },
          required: ['object'],
        },
        outputSchema: {},
      },
      {
        name: 'static_op',
        title: 'Static',
        description: '',
        hasDynamicOutput: false,
        inputSchema: {},
        outputSchema: {},
      },
    ],
  }

  it('sends returnOutputSchema and returns output.output_schema', async () => {
    const schema = { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }
    const { server, tray } = client(dynamic, {
      status: 200,
      body: { outcome: 'success', output: { output_schema: schema } },
    })
    expect(await getOutputSchema(tray, 'sf', '1.0', 'find_records', { object: 'Account' })).toEqual(
      schema,
    )
    expect(server.requests[1]?.body).toEqual({
      operation: 'find_records',
      input: { object: 'Account' },
      returnOutputSchema: true,
    })
  })

  it('refuses, without a call, an operation whose output is static', async () => {
    const { server, tray } = client(dynamic)
    await expect(getOutputSchema(tray, 'sf', '1.0', 'static_op', {})).rejects.toThrow(
      /has no dynamic output/,
    )
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  })
})
