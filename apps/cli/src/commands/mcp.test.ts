import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterEach, describe, expect, it } from 'vitest'
import { CLI_PATH, runInProcess, tempHome } from '../__fixtures__/cli-runs'
import { parseAllow } from './mcp'

let client: Client | undefined
afterEach(async () => {
  await client?.close()
  client = undefined
})

/** The SDK's Client on the built bin's stdin and stdout, as a desktop agent runs it. */
async function connectBin(args: string[]): Promise<{ client: Client; stderr: () => string }> {
  const { env } = await tempHome()
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_PATH, 'mcp', ...args],
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  })
  let stderr = ''
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  client = new Client({ name: 'desktop-agent', version: '1.0.0' })
  await client.connect(transport)
  return { client, stderr: () => stderr }
}

const text = (result: object) =>
  ((result as { content: { text: string }[] }).content[0]?.text ?? '') as string

describe('traykit mcp (the built bin over stdio)', () => {
  it('serves the allowed operations as tools and runs them on the mock', async () => {
    const { client } = await connectBin(['--mock', '--allow', 'slack:send_message'])
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name)).toEqual(['slack_9_1__send_message', 'tray_lookup_options'])
    const sent = await client.callTool({
      name: 'slack_9_1__send_message',
      arguments: { channel: 'C01', text: 'from an agent' },
    })
    expect(sent.isError).toBeFalsy()
    expect(JSON.parse(text(sent))).toMatchObject({ ok: true, message: { text: 'from an agent' } })
    const invalid = await client.callTool({ name: 'slack_9_1__send_message', arguments: {} })
    expect(invalid.isError).toBe(true)
    expect(text(invalid)).toContain('channel is required')
  })

  it('serves discovery mode', async () => {
    const { client } = await connectBin(['--mock', '--allow', '*', '--mode', 'discovery'])
    const names = (await client.listTools()).tools.map((t) => t.name)
    expect(names).toContain('tray_search_operations')
    const found = await client.callTool({
      name: 'tray_search_operations',
      arguments: { query: 'spreadsheet rows' },
    })
    expect(text(found)).toContain('get_rows')
  })
})

describe('traykit mcp arguments', () => {
  it('needs --allow, and refuses a malformed item or mode (exit 2)', async () => {
    const none = await runInProcess(['mcp', '--mock'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('--allow')
    expect((await runInProcess(['mcp', '--mock', '--allow', 'slack'])).code).toBe(2)
    expect((await runInProcess(['mcp', '--mock', '--allow', '*', '--mode', 'x'])).code).toBe(2)
  })

  it('reads --allow as an allow map', () => {
    expect(parseAllow('slack:send_message, slack:send_reminder,google-sheets:*')).toEqual({
      slack: ['send_message', 'send_reminder'],
      'google-sheets': '*',
    })
    expect(typeof parseAllow('*')).toBe('function')
  })
})
