import { validateToolName } from '@modelcontextprotocol/sdk/shared/toolNameValidation.js'
import { McpError } from '@modelcontextprotocol/sdk/types.js'
import type { MockTray } from '@traykit/testing'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterEach, describe, expect, it } from 'vitest'
import { AUTH_ID, connect, OTHER_AUTH_ID, TOKEN, textOf } from './__fixtures__/connect'

const ALLOW = { slack: '*', 'google-sheets': ['get_rows', 'create_row'] } as const
let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function open(options: Parameters<typeof connect>[0] = {}) {
  const opened = await connect({ allow: ALLOW, authId: AUTH_ID, ...options })
  close = opened.close
  return opened
}

const callsOf = (mock: MockTray) => mock.calls.filter((c) => c.route === 'call')

describe('operations mode: tools/list', () => {
  it('lists one tool per allowed operation of the latest versions, named within MCP’s rules', async () => {
    const { client } = await open()
    const { tools } = await client.listTools()
    const names = tools.map((t) => t.name)
    expect(names).toContain('slack_9_1__send_message')
    expect(names).toContain('google-sheets_8_2__get_rows')
    expect(names).toContain('tray_lookup_options')
    // slack 9.0 is an older version; google-sheets' DDLs are not in the allow list.
    expect(names.some((n) => n.startsWith('slack_9_0'))).toBe(false)
    expect(names.filter((n) => n.startsWith('google-sheets'))).toHaveLength(2)
    for (const name of names) {
      expect(validateToolName(name).isValid).toBe(true)
      expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    }
  })

  it('gives schemas that a strict JSON Schema 2020-12 validator compiles (no Tray keyword left)', async () => {
    const { client } = await open({
      allow: {
        slack: '*',
        'google-sheets': '*',
        salesforce: '*',
        shopify: '*',
        'twilio-output': '*',
      },
    })
    const { tools } = await client.listTools()
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false })
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object')
      expect(() => ajv.compile(tool.inputSchema), tool.name).not.toThrow()
      const text = JSON.stringify(tool.inputSchema)
      for (const keyword of ['"lookup"', '"advanced"', '"enumLabels"', '"$schema"']) {
        expect(text, `${tool.name} ${keyword}`).not.toContain(`${keyword}:`)
      }
    }
  })

  it('explains lookups and enum labels in the descriptions, and annotates DDLs as read-only', async () => {
    const { client } = await open({ allow: { slack: '*', 'google-sheets': '*' } })
    const { tools } = await client.listTools()
    const send = tools.find((t) => t.name === 'slack_9_1__send_message')!
    const channel = (send.inputSchema.properties as Record<string, { description: string }>)
      .channel!
    expect(channel.description).toContain('tray_lookup_options')
    expect(channel.description).toContain('"field":"channel"')
    expect(channel.description).toContain('Fill workspace_id first')
    expect(send.description).toContain('Bills one Tray task')
    expect(send.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true })
    const ddl = tools.find((t) => t.name === 'slack_9_1__list_channels_ddl')!
    expect(ddl.annotations?.readOnlyHint).toBe(true)
    expect(JSON.stringify(tools)).toMatch(/Values: .*\(Ascending\)/)
  })

  it('lists nothing without an allow rule', async () => {
    const { client } = await open({ allow: undefined })
    expect((await client.listTools()).tools).toEqual([])
  })

  it('asks a predicate per operation, with the version and the MCP request', async () => {
    const seen: string[] = []
    const { client } = await open({
      allow: (connector, version, operation, request, payload) => {
        seen.push(`${connector} ${version}: ${typeof request.signal}, payload ${payload}`)
        return connector === 'slack' && operation === 'send_message'
      },
    })
    const names = (await client.listTools()).tools.map((t) => t.name)
    expect(names).toEqual(['slack_9_1__send_message', 'tray_lookup_options'])
    // Listing offers tools of the latest versions: no payload, nothing is about to run.
    expect(seen).toContain('slack 9.1: object, payload undefined')
    expect(seen.every((entry) => entry.endsWith(': object, payload undefined'))).toBe(true)
    expect(seen.some((entry) => entry.startsWith('slack 9.0'))).toBe(false)
  })

  it('asks a predicate with the payload before a call runs: input and server-side authId', async () => {
    const payloads: unknown[] = []
    const { client, mock } = await open({
      allow: (connector, version, operation, _request, payload) => {
        if (payload) payloads.push({ connector, version, operation, payload })
        // Lists send_message; a call runs only with a text that is not a secret.
        return operation === 'send_message' && payload?.input.text !== 'secret'
      },
    })
    const call = (text: string) =>
      client.callTool({ name: 'slack_9_1__send_message', arguments: { channel: 'C01', text } })
    expect((await call('hello')).isError).toBeFalsy()
    const refused = await call('secret')
    expect(textOf(refused)).toContain('"code":"operation_not_allowed"')
    expect(mock.tasks).toBe(1)
    expect(payloads[0]).toEqual({
      connector: 'slack',
      version: '9.1',
      operation: 'send_message',
      payload: {
        operation: 'send_message',
        input: { channel: 'C01', text: 'hello' },
        authId: AUTH_ID,
      },
    })
  })
})

describe('operations mode: tools/call', () => {
  it('a valid call bills exactly one task and answers the output', async () => {
    const { client, mock } = await open()
    const result = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'hello' },
    })
    expect(result.isError).toBeFalsy()
    expect(JSON.parse(textOf(result))).toMatchObject({ ok: true, channel: 'C01' })
    expect(mock.tasks).toBe(1)
    expect(callsOf(mock)).toHaveLength(1)
    expect(callsOf(mock)[0]).toMatchObject({
      authId: AUTH_ID,
      input: { channel: 'C01', text: 'hello' },
    })
  })

  it('an invalid call is a tool error listing the issues, and bills nothing', async () => {
    const { client, mock } = await open()
    const result = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { text: 42 },
    })
    expect(result.isError).toBe(true)
    const text = textOf(result)
    expect(text).toContain('channel is required')
    expect(text).toContain('Nothing was run and no task was billed')
    const summary = JSON.parse(text.split('\n').at(-1)!)
    expect(summary.error).toMatchObject({ code: 'invalid_input', billed: false })
    expect(summary.error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['input.channel', 'input.text']),
    )
    expect(mock.tasks).toBe(0)
    expect(callsOf(mock)).toHaveLength(0)
  })

  it('a third party’s failure is a tool error with its own message (billed, as Tray bills it)', async () => {
    const { client, mock } = await open()
    const result = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C0000ARCHIVED', text: 'x' },
    })
    expect(result.isError).toBe(true)
    expect(textOf(result)).toContain('The third party said: Channel has been archived.')
    expect(textOf(result)).toContain('"billed":true')
    expect(mock.tasks).toBe(1)
  })

  it('keeps the retry rule: a call that may have run is not sent again', async () => {
    const { client, mock } = await open()
    mock.fail({ status: 502, match: { route: 'call' }, times: 1, runFirst: true })
    const result = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'once' },
    })
    expect(result.isError).toBe(true)
    expect(textOf(result)).toContain('may have run')
    expect(callsOf(mock)).toHaveLength(1)
  })

  it('refuses an operation outside allow, sending nothing; an unknown tool is a protocol error', async () => {
    const { client, mock } = await open({ allow: { slack: ['send_message'] } })
    const refused = await client.callTool({
      name: 'slack_9_1__send_reminder',
      arguments: { message: 'm', time: 'now', channel_id: 'C01' },
    })
    expect(refused.isError).toBe(true)
    expect(textOf(refused)).toContain('may not be called')
    expect(textOf(refused)).toContain('"code":"operation_not_allowed"')
    await expect(client.callTool({ name: 'nope__nothing', arguments: {} })).rejects.toThrow(
      McpError,
    )
    expect(mock.calls.filter((c) => c.route === 'call')).toHaveLength(0)
  })

  it('ignores an authId from the model unless agentAuthId allows it', async () => {
    const ignored = await open()
    await ignored.client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'hi', authId: OTHER_AUTH_ID },
    })
    expect(callsOf(ignored.mock)[0]).toMatchObject({
      authId: AUTH_ID,
      input: { channel: 'C01', text: 'hi' },
    })
    await ignored.close()

    const allowed = await open({ agentAuthId: true })
    const { tools } = await allowed.client.listTools()
    const send = tools.find((t) => t.name === 'slack_9_1__send_message')!
    expect(Object.keys(send.inputSchema.properties ?? {})).toContain('authId')
    await allowed.client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'hi', authId: OTHER_AUTH_ID },
    })
    expect(callsOf(allowed.mock)[0]?.authId).toBe(OTHER_AUTH_ID)
  })

  it('takes authId from a server-side function of the call, and refuses one the owner hook rejects', async () => {
    const asked: unknown[] = []
    const { client, mock } = await open({
      agentAuthId: true,
      authId: ({ connector, version, operation }) => {
        asked.push({ connector, version, operation })
        return AUTH_ID
      },
      ownsAuthId: (_request, authId) => authId === AUTH_ID,
    })
    const ok = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'a' },
    })
    expect(ok.isError).toBeFalsy()
    expect(asked).toEqual([{ connector: 'slack', version: '9.1', operation: 'send_message' }])
    const refused = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'b', authId: OTHER_AUTH_ID },
    })
    expect(refused.isError).toBe(true)
    expect(textOf(refused)).toContain('authentication_not_owned')
    expect(mock.tasks).toBe(1)
  })
})

describe('the lookup tool', () => {
  it('lists a field’s options with the input so far (one DDL call)', async () => {
    const { client, mock } = await open()
    const result = await client.callTool({
      name: 'tray_lookup_options',
      arguments: {
        connector: 'slack',
        operation: 'send_message',
        field: 'channel',
        input: { workspace_id: 'T0000ACME' },
      },
    })
    expect(result.isError).toBeFalsy()
    expect(JSON.parse(textOf(result)).options).toContainEqual({
      text: '#general',
      value: 'C0000GENERAL',
    })
    expect(callsOf(mock)).toHaveLength(1)
    expect(callsOf(mock)[0]).toMatchObject({ operation: 'list_channels_ddl', authId: AUTH_ID })
  })

  it('refuses, sending nothing, while a dependency is empty or the operation is not allowed', async () => {
    const { client, mock } = await open({ allow: { slack: ['send_message'] } })
    const early = await client.callTool({
      name: 'tray_lookup_options',
      arguments: { connector: 'slack', operation: 'send_message', field: 'channel' },
    })
    expect(early.isError).toBe(true)
    expect(textOf(early)).toContain('workspace_id')
    const other = await client.callTool({
      name: 'tray_lookup_options',
      arguments: {
        connector: 'slack',
        operation: 'send_reminder',
        field: 'channel_id',
        input: { workspace_id: 'T0000ACME' },
      },
    })
    expect(other.isError).toBe(true)
    expect(textOf(other)).toContain('operation_not_allowed')
    expect(callsOf(mock)).toHaveLength(0)
  })
})

describe('discovery mode', () => {
  it('serves search, describe, call and lookup, and calls bill one task', async () => {
    const { client, mock } = await open({ mode: 'discovery' })
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name)).toEqual([
      'tray_search_operations',
      'tray_describe_operation',
      'tray_call_operation',
      'tray_lookup_options',
    ])
    const found = JSON.parse(
      textOf(
        await client.callTool({
          name: 'tray_search_operations',
          arguments: { query: 'slack send message' },
        }),
      ),
    )
    expect(found.results[0]).toMatchObject({
      connector: 'slack',
      version: '9.1',
      operation: 'send_message',
    })
    const described = JSON.parse(
      textOf(
        await client.callTool({
          name: 'tray_describe_operation',
          arguments: { connector: 'slack', operation: 'send_message' },
        }),
      ),
    )
    expect(described.inputSchema.required).toEqual(['channel', 'text'])
    expect(described.lookups).toContainEqual({ field: 'channel', dependsOn: ['workspace_id'] })
    const called = await client.callTool({
      name: 'tray_call_operation',
      arguments: {
        connector: 'slack',
        operation: 'send_message',
        input: { channel: 'C01', text: 'hi' },
      },
    })
    expect(called.isError).toBeFalsy()
    expect(mock.tasks).toBe(1)
    const refused = await client.callTool({
      name: 'tray_call_operation',
      arguments: {
        connector: 'google-sheets',
        operation: 'list_worksheets_ddl_return_name',
        input: {},
      },
    })
    expect(textOf(refused)).toContain('operation_not_allowed')
    const invalid = await client.callTool({
      name: 'tray_call_operation',
      arguments: { connector: 'slack', operation: 'send_message', input: {} },
    })
    expect(invalid.isError).toBe(true)
    expect(mock.tasks).toBe(1)
  })
})

describe('the token', () => {
  it('appears in no tool list, result or error, whatever Tray or the third party echo', async () => {
    const { client, mock } = await open({
      mode: 'operations',
      allow: { slack: '*', 'google-sheets': '*' },
    })
    const texts: string[] = []
    const echo = { message: `bad token Bearer ${TOKEN} (${TOKEN.slice(3, 20)})`, token: TOKEN }
    mock.handle('slack', 'send_message', (input) => {
      if (input.text === 'echo')
        return {
          outcome: 'error',
          output: { message: `invalid ${TOKEN}`, response: { statusCode: 401, body: echo } },
        }
      return { echoed: TOKEN, nested: { again: `x${TOKEN}y` } }
    })
    texts.push(JSON.stringify(await client.listTools()))
    const send = (text: string) =>
      client.callTool({ name: 'slack_9_1__send_message', arguments: { channel: 'C01', text } })
    texts.push(JSON.stringify(await send('ok')))
    texts.push(JSON.stringify(await send('echo')))
    mock.fail({ status: 500, body: echo, match: { route: 'call' }, times: 1 })
    texts.push(JSON.stringify(await send('500')))
    mock.fail({ status: 401, body: echo, times: 1 })
    texts.push(JSON.stringify(await send('401')))
    mock.fail({
      status: 400,
      body: { message: `Connector input validation failed ${TOKEN}` },
      match: { route: 'call' },
      times: 1,
    })
    texts.push(JSON.stringify(await send('400')))
    texts.push(
      JSON.stringify(
        await client.callTool({
          name: 'tray_lookup_options',
          arguments: { connector: 'slack', operation: 'send_message', field: 'nope' },
        }),
      ),
    )
    const all = texts.join('\n')
    expect(all).toContain('[redacted]')
    for (let i = 0; i + 12 <= TOKEN.length; i++) expect(all).not.toContain(TOKEN.slice(i, i + 12))
  })
})
