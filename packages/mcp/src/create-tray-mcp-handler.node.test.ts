import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { createMockTray } from '@traykit/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AUTH_ID, OTHER_AUTH_ID, TOKEN, textOf } from './__fixtures__/connect'
import { createTrayMcpHandler } from './http'

const mock = createMockTray({
  tokens: [TOKEN],
  authentications: [
    { id: AUTH_ID, name: 'Acme Slack', serviceEnvironmentId: 'env' },
    { id: OTHER_AUTH_ID, name: 'Another user', serviceEnvironmentId: 'env' },
  ],
})
/** Each caller's key and the authentication it owns. */
const USERS: Record<string, string> = { 'key-acme': AUTH_ID, 'key-other': OTHER_AUTH_ID }
const userOf = (c: { req: { header(name: string): string | undefined } }) =>
  USERS[c.req.header('x-api-key') ?? '']

const app = createTrayMcpHandler({
  token: TOKEN,
  baseUrl: 'http://tray.test',
  fetch: mock.fetch,
  authorize: (c) => userOf(c) !== undefined,
  // The edge's predicate, as is: (connector, version, operation, c, payload).
  allow: (connector, version, operation, c, payload) =>
    connector === 'slack' &&
    version === '9.1' &&
    (operation === 'send_message' || userOf(c) === OTHER_AUTH_ID) &&
    (payload === undefined || payload.input.text !== 'forbidden'),
  authId: (c) => userOf(c),
  agentAuthId: true,
  authentications: { owns: (c, authId) => userOf(c) === authId },
})
let url: URL
let close: () => void

beforeAll(async () => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`)
  close = () => server.close()
})
afterAll(() => close())
beforeEach(() => mock.reset())

async function agent(key: string) {
  const client = new Client({ name: 'http-agent', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(url, { requestInit: { headers: { 'x-api-key': key } } }),
  )
  return client
}

describe('createTrayMcpHandler over Streamable HTTP on Node', () => {
  it('lists the tools this caller may call and runs a valid call once', async () => {
    const client = await agent('key-acme')
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name)).toEqual(['slack_9_1__send_message', 'tray_lookup_options'])
    const result = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'over http' },
    })
    expect(JSON.parse(textOf(result))).toMatchObject({ ok: true })
    expect(mock.tasks).toBe(1)
    expect(mock.calls.find((c) => c.route === 'call')?.authId).toBe(AUTH_ID)
    await client.close()
  })

  it('an invalid call is a tool error and bills nothing; lookups work', async () => {
    const client = await agent('key-acme')
    const invalid = await client.callTool({ name: 'slack_9_1__send_message', arguments: {} })
    expect(invalid.isError).toBe(true)
    expect(textOf(invalid)).toContain('channel is required')
    expect(mock.tasks).toBe(0)
    const options = await client.callTool({
      name: 'tray_lookup_options',
      arguments: { connector: 'slack', operation: 'send_message', field: 'workspace_id' },
    })
    expect(JSON.parse(textOf(options)).options).toContainEqual({ text: 'Acme', value: 'T0000ACME' })
    await client.close()
  })

  it('refuses operations outside allow and authentications the caller does not own', async () => {
    const client = await agent('key-acme')
    const forbidden = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'forbidden' },
    })
    expect(textOf(forbidden)).toContain('operation_not_allowed')
    const other = await client.callTool({
      name: 'slack_9_1__send_reminder',
      arguments: { message: 'm', time: 'now', channel_id: 'C01' },
    })
    expect(textOf(other)).toContain('operation_not_allowed')
    const stolen = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'x', authId: OTHER_AUTH_ID },
    })
    expect(textOf(stolen)).toContain('authentication_not_owned')
    expect(mock.calls.filter((c) => c.route === 'call')).toHaveLength(0)
    await client.close()
  })

  it('answers 401 without authorization, 403 to another site’s page, 405 to GET', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    }
    expect((await fetch(url, { method: 'POST', body, headers })).status).toBe(401)
    const foreign = await fetch(url, {
      method: 'POST',
      body,
      headers: { ...headers, 'x-api-key': 'key-acme', origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(403)
    expect((await fetch(url, { headers: { 'x-api-key': 'key-acme' } })).status).toBe(405)
    expect(mock.calls).toHaveLength(0)
  })

  it("reads the body and checks Origin by core's gateway rules (the edge's)", async () => {
    const small = createTrayMcpHandler({
      token: TOKEN,
      baseUrl: 'http://tray.test',
      fetch: mock.fetch,
      public: true,
      allow: { slack: ['send_message'] },
      maxBodyBytes: 200,
      origins: ['https://app.example.com'],
    })
    const post = (body: string, headers: Record<string, string> = {}) =>
      small.request('/mcp', {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      })
    const list = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })
    const codeOf = async (response: Response) =>
      ((await response.json()) as { error: { data?: { code: string } } }).error.data?.code
    const tooLarge = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'x'.repeat(300) }))
    expect([tooLarge.status, await codeOf(tooLarge)]).toEqual([413, 'payload_too_large'])
    const plain = await post(list, { 'content-type': 'text/plain' })
    expect([plain.status, await codeOf(plain)]).toEqual([415, 'unsupported_media_type'])
    const broken = await post('{"jsonrpc":')
    expect([broken.status, await codeOf(broken)]).toEqual([400, 'invalid_json'])
    const listed = await post(list, {
      origin: 'https://app.example.com',
      'sec-fetch-site': 'cross-site',
    })
    expect(listed.status).toBe(200)
    const sibling = await post(list, {
      origin: 'https://other.example.com',
      'sec-fetch-site': 'same-site',
    })
    expect([sibling.status, await codeOf(sibling)]).toEqual([403, 'origin_not_allowed'])
    expect(mock.calls.filter((c) => c.route === 'call')).toHaveLength(0)
    // Exact origins only, checked when the handler is made.
    expect(() =>
      createTrayMcpHandler({ token: TOKEN, public: true, origins: ['https://app.example.com/'] }),
    ).toThrow(/^createTrayMcpHandler: origins must hold exact origins/)
  })

  it("refuses what createTrayHandler refuses when it is made, naming MCP's options too", () => {
    const make = (options: object) => () => createTrayMcpHandler(options as never)
    expect(make({ token: TOKEN, public: true, allwo: { slack: ['send_message'] } })).toThrow(
      /^createTrayMcpHandler: unknown option "allwo" \(did you mean "allow"\?\)/,
    )
    expect(make({ token: TOKEN, public: true, agentAuthID: true })).toThrow(
      /unknown option "agentAuthID" \(did you mean "agentAuthId"\?\).*options are token.*, origins, name$/,
    )
    expect(make({ token: TOKEN })).toThrow(/authorize is required/)
    expect(make({ token: TOKEN, public: true, maxBodyBytes: 0 })).toThrow(/maxBodyBytes must be/)
    expect(make({ token: TOKEN, public: true, region: 'mars' })).toThrow(/region must be one of/)
    expect(make({ token: TOKEN, public: true, authentications: {} })).toThrow(
      /authentications must be/,
    )
    expect(make({ token: TOKEN, public: true, mode: 'tools' })).toThrow(/mode must be/)
  })

  it('never answers the token, even when Tray echoes it', async () => {
    const client = await agent('key-acme')
    mock.fail({
      status: 500,
      body: { message: `upstream saw Bearer ${TOKEN}` },
      times: 1,
      match: { route: 'call' },
    })
    const failed = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'x' },
    })
    mock.handle('slack', 'send_message', () => ({ echoed: TOKEN }))
    const echoed = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'y' },
    })
    const text = JSON.stringify([failed, echoed, await client.listTools()])
    for (let i = 0; i + 12 <= TOKEN.length; i++) expect(text).not.toContain(TOKEN.slice(i, i + 12))
    await client.close()
  })
})
