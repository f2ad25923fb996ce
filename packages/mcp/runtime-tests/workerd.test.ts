import { dirname, join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleWorker } from './_bundle'
import { WORKER_AUTH_ID, WORKER_KEY, WORKER_TOKEN } from './_worker-fixture'

const ORIGIN = 'http://mcp.test'

interface Billed {
  tasks: number
  calls: { operation: string; authId: string | null }[]
}

let miniflare: Miniflare
/** Every answer the Worker gave, headers and body, for the token check. */
const answers: string[] = []

/** Reaches the Worker through miniflare without a port, keeping each answer. */
const workerFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init)
  const response = (await miniflare.dispatchFetch(request.url, {
    method: request.method,
    headers: Object.fromEntries(request.headers),
    body: request.method === 'GET' ? undefined : await request.text(),
  } as never)) as unknown as Response
  const body = await response.text()
  answers.push(`${[...response.headers].join('\n')}\n${body}`)
  // A fresh Response in this realm: the SDK reads it as one of Node's own.
  return new Response(response.status === 204 || response.status === 202 ? null : body, {
    status: response.status,
    headers: Object.fromEntries(response.headers),
  })
}

const billed = async () =>
  (await (await miniflare.dispatchFetch(`${ORIGIN}/__mock`)).json()) as Billed

/** The SDK's own Client on the Worker's Streamable HTTP, as a remote agent connects. */
async function agent(key = WORKER_KEY): Promise<Client> {
  const client = new Client({ name: 'workerd-agent', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${ORIGIN}/mcp`), {
      fetch: workerFetch,
      requestInit: { headers: { 'x-api-key': key } },
    }),
  )
  return client
}

/** The text of a tool result's first content item. */
function textOf(result: object): string {
  const [first] = ((result as { content?: unknown }).content ?? []) as { text?: string }[]
  return first?.text ?? ''
}

/** The last line of a tool error: core's outcome as JSON. */
function errorOf(result: object): { code: string; billed: boolean; issues?: unknown[] } {
  return JSON.parse(textOf(result).split('\n').at(-1) ?? '').error
}

describe('createTrayMcpHandler on workerd (miniflare), driven by the SDK’s Client', () => {
  let client: Client

  beforeAll(async () => {
    const scriptPath = await bundleWorker(join(import.meta.dirname, '_worker.ts'))
    miniflare = new Miniflare({
      modules: true,
      scriptPath,
      // Module names are paths relative to this root; the bundle lives in a cache folder.
      modulesRoot: dirname(scriptPath),
      compatibilityDate: '2025-09-01',
    })
    client = await agent()
  })
  afterAll(async () => {
    await client?.close()
    await miniflare?.dispose()
  })

  it('lists the allowed operation and the lookup tool, and nothing else', async () => {
    const { tools } = await client.listTools()
    expect(tools.map((tool) => tool.name)).toEqual([
      'slack_9_1__send_message',
      'tray_lookup_options',
    ])
    const send = tools[0]
    expect(send?.inputSchema).toMatchObject({
      type: 'object',
      required: ['channel', 'text'],
      additionalProperties: false,
    })
    expect(send?.annotations?.readOnlyHint).toBe(false)
  })

  it('runs a valid call once, billing one task, with the authentication the Worker chose', async () => {
    const before = await billed()
    const result = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C0123', text: 'from workerd' },
    })
    expect(result.isError).toBeFalsy()
    expect(JSON.parse(textOf(result))).toMatchObject({
      ok: true,
      channel: 'C0123',
      message: { text: 'from workerd' },
    })
    const after = await billed()
    expect(after.tasks).toBe(before.tasks + 1)
    expect(after.calls.slice(before.calls.length)).toEqual([
      { operation: 'send_message', authId: WORKER_AUTH_ID },
    ])
  })

  it('answers an invalid call with a tool error listing the issues, billing nothing', async () => {
    const before = await billed()
    const result = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { text: 42 },
    })
    expect(result.isError).toBe(true)
    expect(textOf(result)).toContain('channel is required')
    expect(errorOf(result)).toMatchObject({
      code: 'invalid_input',
      billed: false,
      issues: expect.arrayContaining([{ path: 'input.channel', message: 'channel is required' }]),
    })
    expect(await billed()).toEqual(before)
  })

  it('refuses an operation outside allow, sending nothing to Tray', async () => {
    const before = await billed()
    const result = await client.callTool({
      name: 'slack_9_1__send_reminder',
      arguments: { message: 'stand-up', time: 'in 5 minutes', channel_id: 'C0123' },
    })
    expect(result.isError).toBe(true)
    expect(errorOf(result)).toMatchObject({ code: 'operation_not_allowed', billed: false })
    expect(await billed()).toEqual(before)
  })

  it('lists a lookup field’s options, the ones depending on it from the input so far', async () => {
    const workspaces = await client.callTool({
      name: 'tray_lookup_options',
      arguments: { connector: 'slack', operation: 'send_message', field: 'workspace_id' },
    })
    expect(workspaces.isError).toBeFalsy()
    expect(JSON.parse(textOf(workspaces)).options).toContainEqual({
      text: 'Acme',
      value: 'T0000ACME',
    })
    const channels = await client.callTool({
      name: 'tray_lookup_options',
      arguments: {
        connector: 'slack',
        operation: 'send_message',
        field: 'channel',
        input: { workspace_id: 'T0000ACME' },
      },
    })
    expect(channels.isError).toBeFalsy()
    expect(JSON.parse(textOf(channels)).options.length).toBeGreaterThan(0)
  })

  it('refuses an agent without the key (401) before anything reaches Tray', async () => {
    const before = await billed()
    await expect(agent('wrong-key')).rejects.toThrow(/401|not authorized/i)
    expect(await billed()).toEqual(before)
  })

  it('never answers the Tray token', () => {
    const all = answers.join('\n')
    expect(answers.length).toBeGreaterThan(5)
    for (let i = 0; i + 12 <= WORKER_TOKEN.length; i++) {
      expect(all).not.toContain(WORKER_TOKEN.slice(i, i + 12))
    }
  })
})
