import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { McpError } from '@modelcontextprotocol/sdk/types.js'
import { type Connector, createTrayClient, type TrayClient } from '@traykit/core/client'
import { createJsonRedactor } from '@traykit/core/server'
import { createMockTray, defaultCatalog } from '@traykit/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AUTH_ID, TOKEN, textOf } from './__fixtures__/connect'
import { createTrayMcpServer } from './create-tray-mcp-server'
import type { TrayMcpServerOptions } from './mcp-server-options'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

/** A server on a core client whose catalog reads are counted (or changed) by `wrap`. */
async function open(
  options: Omit<TrayMcpServerOptions, 'tray'>,
  wrap: (tray: TrayClient) => TrayClient = (tray) => tray,
  catalog = defaultCatalog,
) {
  const mock = createMockTray({
    catalog,
    tokens: [TOKEN],
    authentications: [{ id: AUTH_ID, name: 'Acme Slack', serviceEnvironmentId: 'env' }],
  })
  const tray = wrap(
    createTrayClient({ token: TOKEN, baseUrl: 'http://tray.test', fetch: mock.fetch }),
  )
  const server = createTrayMcpServer({ authId: AUTH_ID, ...options, tray })
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  const client = new Client({ name: 'test-agent', version: '1.0.0' })
  await Promise.all([server.connect(serverSide), client.connect(clientSide)])
  close = () => client.close()
  return { client, mock }
}

/** A client whose catalog methods are spies on the real ones. */
function spied(tray: TrayClient) {
  return {
    ...tray,
    getConnector: vi.fn(tray.getConnector),
    listOperations: vi.fn(tray.listOperations),
  }
}

const send = { name: 'slack_9_1__send_message', arguments: { channel: 'C01', text: 'hi' } }

describe('finding the operation a tool call names', () => {
  it.each([
    ['an allow map', { slack: '*', 'google-sheets': ['get_rows'] }],
    ['a predicate', () => true],
  ] as const)(
    'reads only that connector version, and picks the latest version once (%s)',
    async (_, allow) => {
      let tray: ReturnType<typeof spied> | undefined
      const { client, mock } = await open({ allow }, (t) => {
        tray = spied(t)
        return tray
      })
      for (let i = 0; i < 3; i++) {
        const result = await client.callTool(send)
        expect(result.isError, textOf(result)).toBeFalsy()
      }
      expect(mock.tasks).toBe(3)
      // slack has two versions: which one is the latest is asked once for the connector list,
      // not on every call; no other connector's operations are read to find the tool.
      expect(tray?.getConnector).toHaveBeenCalledTimes(1)
      for (const [connector, version] of tray?.listOperations.mock.calls ?? []) {
        expect(`${connector}@${version}`).toBe('slack@9.1')
      }
    },
  )

  it('follows the connector list: a newer version’s tool is found, the older one’s is gone', async () => {
    const newer: Connector[] = []
    let called: string[] = []
    let real: TrayClient | undefined
    const { client } = await open({ allow: { slack: ['send_message'] } }, (tray) => {
      real = tray
      return {
        ...tray,
        listConnectors: async (opts) => [...(await tray.listConnectors(opts)), ...newer],
        getConnector: async (name, version, opts) =>
          name === 'slack' && version === undefined && newer[0]
            ? newer[0]
            : tray.getConnector(name, version, opts),
        listOperations: (name, version, opts) =>
          tray.listOperations(name, version === '9.2' ? '9.1' : version, opts),
        callConnector: (async (name: string, version: string) => {
          called.push(`${name}@${version}`)
          return { ok: true }
        }) as unknown as TrayClient['callConnector'],
      }
    })
    expect((await client.callTool(send)).isError).toBeFalsy()
    expect(called).toEqual(['slack@9.1'])
    // Tray publishes slack 9.2: the next read of the connector list has it.
    newer.push({ ...(await (real as TrayClient).getConnector('slack', '9.1')), version: '9.2' })
    called = []
    await expect(client.callTool(send)).rejects.toThrow(McpError)
    const result = await client.callTool({ ...send, name: 'slack_9_2__send_message' })
    expect(result.isError, textOf(result)).toBeFalsy()
    expect(called).toEqual(['slack@9.2'])
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name)).toEqual(['slack_9_2__send_message', 'tray_lookup_options'])
  })

  it('gives every list its own tools: a client that changes one in process changes nothing else', async () => {
    const { client } = await open({ allow: { slack: ['send_message'] } })
    const channelOf = async () => {
      const { tools } = await client.listTools()
      const tool = tools.find((t) => t.name === send.name)
      return tool?.inputSchema.properties?.channel as { description?: string }
    }
    const channel = await channelOf()
    const description = channel.description
    expect(description).toBeTruthy()
    channel.description = 'changed by the client'
    expect((await channelOf()).description).toBe(description)
  })
})

describe('servers sharing one core client (the HTTP handler’s pool)', () => {
  it('each lists tools by its own options: the authId argument only where the agent may pass it', async () => {
    const mock = createMockTray({ tokens: [TOKEN] })
    const tray = createTrayClient({ token: TOKEN, baseUrl: 'http://tray.test', fetch: mock.fetch })
    const schemaOf = async (agentAuthId: boolean) => {
      const server = createTrayMcpServer({ tray, allow: { slack: ['send_message'] }, agentAuthId })
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
      const client = new Client({ name: 'test-agent', version: '1.0.0' })
      await Promise.all([server.connect(serverSide), client.connect(clientSide)])
      const { tools } = await client.listTools()
      await client.close()
      return tools.find((t) => t.name === send.name)?.inputSchema.properties ?? {}
    }
    expect(Object.keys(await schemaOf(true))).toContain('authId')
    expect(Object.keys(await schemaOf(false))).not.toContain('authId')
    expect(Object.keys(await schemaOf(true))).toContain('authId')
  })
})

describe('the token, with core’s JSON redactor (the HTTP handler’s)', () => {
  it('is redacted from a tool list and a result that echo it, and nothing else changes', async () => {
    const catalog = structuredClone(defaultCatalog)
    const slack = catalog.connectors.find((c) => c.name === 'slack' && c.version === '9.1')
    const operation = slack?.operations?.find((op) => op.name === 'send_message')
    if (!operation) throw new Error('the mock catalog has no slack 9.1 send_message')
    operation.description = `Sends a message (key ${TOKEN})`
    const { client, mock } = await open(
      { allow: { slack: ['send_message'] }, redact: createJsonRedactor(TOKEN) },
      undefined,
      catalog,
    )
    mock.handle('slack', 'send_message', () => ({ echoed: TOKEN, plain: 'kept' }))
    const listed = JSON.stringify(await client.listTools())
    const result = textOf(await client.callTool(send))
    expect(listed).toContain('[redacted]')
    expect(JSON.parse(result)).toEqual({ echoed: '[redacted]', plain: 'kept' })
    for (let i = 0; i + 12 <= TOKEN.length; i++) {
      expect(listed + result).not.toContain(TOKEN.slice(i, i + 12))
    }
  })
})
