import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTrayClient } from '@traykit/core'
import { createTrayHandler } from '@traykit/edge'
import { createMockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyBuiltCli, runBin, startBin } from './__fixtures__/cli-bin'

// Redaction belongs on the surfaces that print or return errors, never on successful data: a
// short or common token (the CLI's own mock token is `mock`) must not rewrite what Tray answered.

/** Tokens that are words, or parts of words, of the data the mock answers. */
const SHORT_TOKENS = ['mock', 'x', 'slack', 'a', 'e', 'text']
/** A token that appears nowhere in the data: what every answer must equal. */
const BASELINE_TOKEN = 'baseline-7Q2w9K4m-token'

/** A message holding each short token as a word and inside words. */
const TEXT = 'created in mocked hubspot: slack text, an example'
const SEND = { operation: 'send_message', input: { channel: 'C1', text: TEXT } }
const CALL_PATH = '/core/v1/connectors/slack/versions/9.1/call'

/** Everything a core client reads from the default mock with a token. */
async function readWithCore(token: string) {
  const mock = createMockTray()
  const tray = createTrayClient({
    baseUrl: 'http://tray.test',
    token,
    fetch: mock.fetch,
    cache: false,
  })
  return {
    connectors: await tray.listConnectors(),
    slack: await tray.getConnector('slack', '9.0'),
    operations: await tray.listOperations('slack', '9.1'),
    sheets: await tray.listOperations('google-sheets', '8.2'),
    // Validated against the catalog first: a schema rewritten by redaction refuses `text`.
    call: await tray.callConnector('slack', '9.1', SEND),
    records: await tray.callConnector('salesforce', '8.6', {
      operation: 'find_records',
      input: { object_type: 'Account' },
    }),
  }
}

/** What the edge answers, with a token, to a catalog read and a call. */
async function readWithEdge(token: string) {
  const mock = createMockTray()
  const app = createTrayHandler({
    token,
    public: true,
    allow: { slack: ['send_message'] },
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    cache: false,
  })
  const read = async (path: string, init?: RequestInit) => {
    const response = await app.request(path, init)
    return { status: response.status, body: await response.text() }
  }
  return {
    connectors: await read('/core/v1/connectors'),
    operations: await read('/core/v1/connectors/slack/versions/9.1/operations'),
    call: await read(CALL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SEND),
    }),
  }
}

describe('a short token changes no successful data', () => {
  it.each(SHORT_TOKENS)('core, token %j', async (token) => {
    const expected = await readWithCore(BASELINE_TOKEN)
    expect(expected.call).toMatchObject({ message: { text: TEXT } })
    expect(await readWithCore(token)).toEqual(expected)
  })

  it.each(SHORT_TOKENS)('edge, token %j', async (token) => {
    const expected = await readWithEdge(BASELINE_TOKEN)
    expect(expected.call.status).toBe(200)
    expect(expected.call.body).toContain(TEXT)
    expect(await readWithEdge(token)).toEqual(expected)
  })
})

/** A catalog with a connector whose answer holds the word `mock`, as a user's own would. */
const HUBSPOT_CATALOG = {
  connectors: [
    {
      name: 'hubspot',
      version: '1.0',
      title: 'HubSpot',
      description: 'A mocked HubSpot',
      service: { id: 'hubspot-service', name: 'hubspot', version: 1 },
      operations: [
        {
          name: 'create_contact',
          title: 'Create contact',
          description: 'Creates a contact',
          inputSchema: {
            type: 'object',
            additionalProperties: false,
            required: ['email'],
            properties: { email: { type: 'string' } },
          },
          outputSchema: {},
          hasDynamicOutput: false,
          mockResponses: [
            { output: { message: 'created in mocked hubspot', email: '{{{email}}}' } },
          ],
        },
      ],
    },
  ],
}

describe('the CLI with its own mock token (`mock`)', () => {
  let root: string
  let bin: string
  let env: Record<string, string>

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'traykit-short-token-'))
    bin = await copyBuiltCli(join(root, 'bin'))
    const home = join(root, 'home')
    await mkdir(home)
    env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config') }
    await writeFile(join(root, 'hubspot.json'), JSON.stringify(HUBSPOT_CATALOG))
  })

  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('`traykit mock --catalog` then `traykit call` prints "created in mocked hubspot" intact', async () => {
    const server = startBin(bin, ['mock', '--json', '--catalog', join(root, 'hubspot.json')], env)
    try {
      const started = JSON.parse(await server.firstLine) as { url: string; token: string }
      expect(started.token).toBe('mock')
      const args = ['call', 'hubspot@1.0', 'create_contact', '--set', 'email=ann@example.com']
      const withToken = { ...env, TRAY_TOKEN: started.token }
      for (const extra of [[], ['--json'], ['--debug']]) {
        const run = await runBin(bin, [...args, '--api-url', started.url, ...extra], withToken)
        expect(run.code).toBe(0)
        expect(run.stdout).toContain('created in mocked hubspot')
        expect(run.stdout).not.toMatch(/redacted/i)
      }
    } finally {
      await server.stop()
    }
  })

  it('`traykit call --mock` prints the data as the mock answered it', async () => {
    const args = ['call', 'slack@9.1', 'send_message', '--mock', '--set', 'channel=C1']
    const run = await runBin(bin, [...args, '--set', `text=${TEXT}`, '--json'], env)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(TEXT)
    expect(run.stdout).not.toMatch(/redacted/i)
  })

  it.each(['slack', 'x', 'e'])(
    '`traykit connectors` with the token %j lists what Tray answered',
    async (token) => {
      const served = await listen(createMockTray())
      try {
        const read = (t: string) =>
          runBin(bin, ['connectors', '--api-url', served.url, '--json'], { ...env, TRAY_TOKEN: t })
        const [expected, run] = [await read(BASELINE_TOKEN), await read(token)]
        expect(expected.code).toBe(0)
        expect(expected.stdout).toContain('"slack"')
        expect(run.code).toBe(0)
        expect(run.stdout).toBe(expected.stdout)
      } finally {
        await served.close()
      }
    },
  )
})
