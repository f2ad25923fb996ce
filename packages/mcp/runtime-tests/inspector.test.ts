import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureCliBin } from './_cli-bin'

/** A hang bound only: a run takes about two seconds. */
const RUN_TIMEOUT_MS = 30_000

let bin: string
let home: string

/** The MCP Inspector's launcher (its `mcp-inspector` bin), from this package's install. */
async function inspectorBin(): Promise<string> {
  const require = createRequire(import.meta.url)
  const main = require.resolve('@modelcontextprotocol/inspector/package.json')
  const manifest = JSON.parse(await readFile(main, 'utf8')) as { bin: Record<string, string> }
  return join(dirname(main), manifest.bin['mcp-inspector'] ?? '')
}

/**
 * Runs `mcp-inspector --cli` against `traykit mcp --mock --allow slack:send_message` over stdio,
 * as a developer would, and parses the JSON it prints.
 */
async function inspect(method: string[]): Promise<Record<string, unknown>> {
  const launcher = await inspectorBin()
  const args = [launcher, '--cli', process.execPath, bin, 'mcp', '--mock']
  args.push('--allow', 'slack:send_message', '--method', ...method)
  const child = spawn(process.execPath, args, {
    // The launcher starts `node` from PATH: this one. The server gets HOME (no profile in it).
    env: { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: RUN_TIMEOUT_MS,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  expect(code, stderr).toBe(0)
  return JSON.parse(stdout)
}

/** The text of a tool result's first content item. */
function textOf(result: Record<string, unknown>): string {
  return (result.content as { text: string }[])[0]?.text ?? ''
}

describe('the MCP Inspector (CLI mode) against the built traykit mcp over stdio', () => {
  beforeAll(async () => {
    bin = await ensureCliBin()
    home = await mkdtemp(join(tmpdir(), 'traykit-mcp-inspector-'))
  })
  afterAll(async () => {
    if (home) await rm(home, { recursive: true, force: true })
  })

  it('lists the allowed operation and the lookup tool, with their schemas', async () => {
    const { tools } = (await inspect(['tools/list'])) as {
      tools: { name: string; inputSchema: object }[]
    }
    expect(tools.map((tool) => tool.name)).toEqual([
      'slack_9_1__send_message',
      'tray_lookup_options',
    ])
    expect(tools[0]?.inputSchema).toMatchObject({ required: ['channel', 'text'] })
  })

  it('calls a tool on the mock, and gets an invalid call back as a tool error', async () => {
    const sent = await inspect([
      'tools/call',
      '--tool-name',
      'slack_9_1__send_message',
      '--tool-arg',
      'channel=C0123',
      '--tool-arg',
      'text=from the inspector',
    ])
    expect(sent.isError).toBeUndefined()
    expect(JSON.parse(textOf(sent))).toMatchObject({
      ok: true,
      channel: 'C0123',
      message: { text: 'from the inspector' },
    })

    const invalid = await inspect([
      'tools/call',
      '--tool-name',
      'slack_9_1__send_message',
      '--tool-arg',
      'text=no channel',
    ])
    expect(invalid.isError).toBe(true)
    expect(textOf(invalid)).toContain('input.channel: channel is required')
    expect(textOf(invalid)).toContain('no task was billed')
  })
})
