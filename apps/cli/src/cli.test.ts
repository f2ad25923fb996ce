// Every command, against the mock over HTTP and with --mock, run twice: in this process
// (runCli with captured streams) and as the built bin in a subprocess.
import { spawnSync } from 'node:child_process'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { useMockTray } from '@traykit/testing/vitest'
import { beforeEach, describe, expect, it } from 'vitest'
import { CLI_PATH, type CliResult, runBuilt, runInProcess, tempHome } from './__fixtures__/cli-runs'
import { COMMAND_NAMES } from './__fixtures__/command-names'
import { setFlags } from './__fixtures__/set-flags'
import { MOCK_AUTH_ID } from './client/create-cli-mock'

const TOKEN = 'tk_live_S3CRET_abcdefghijklmnop'
const AUTH_ID = '7a1c2f3e-0b4d-4e5f-8a6b-9c0d1e2f3a4b'

const tray = useMockTray({
  listen: true,
  tokens: [TOKEN],
  authentications: [{ id: AUTH_ID, name: 'test auth', serviceEnvironmentId: 'env-1' }],
})

type Runner = (
  args: string[],
  options: { env: Record<string, string>; stdin?: string; cwd?: string },
) => Promise<CliResult>

const runners: [string, Runner][] = [
  ['in process', (args, options) => runInProcess(args, options)],
  ['built bin', (args, options) => runBuilt(args, options)],
]

function expectNoToken(result: CliResult): void {
  expect(result.stdout).not.toContain(TOKEN)
  expect(result.stderr).not.toContain(TOKEN)
}

function json(result: CliResult): Record<string, unknown> {
  return JSON.parse(result.stdout) as Record<string, unknown>
}

/** The error a run printed: one JSON document on stderr, since these runs are not on a terminal. */
function errorOf(result: CliResult): { type: string; message: string; [field: string]: unknown } {
  return (JSON.parse(result.stderr) as { error: { type: string; message: string } }).error
}

describe.each(runners)('traykit (%s)', (_, run) => {
  let env: Record<string, string>
  let home: string
  const http = (args: string[], extra: { stdin?: string; env?: Record<string, string> } = {}) =>
    run(args, {
      env: { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN, ...extra.env },
      stdin: extra.stdin,
      cwd: home,
    })

  beforeEach(async () => {
    ;({ home, env } = await tempHome())
  })

  it('prints help without a token or network, and exits 0', async () => {
    const result = await run(['--help'], { env })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('USAGE traykit')
    for (const command of COMMAND_NAMES) expect(result.stdout).toContain(command)
    expect(result.stdout).not.toContain('\u001B[')
  })

  it('lists connectors over HTTP as one JSON document (latest versions unless asked)', async () => {
    const latest = await http(['connectors'])
    expect(latest.code).toBe(0)
    const names = (json(latest).elements as { name: string; version: string }[]).map(
      (c) => `${c.name}@${c.version}`,
    )
    expect(names).toContain('slack@9.1')
    expect(names).not.toContain('slack@9.0')
    const all = await http(['connectors', '--all-versions', '--search', 'SLACK'])
    expect((json(all).elements as { version: string }[]).map((c) => c.version)).toEqual([
      '9.1',
      '9.0',
    ])
    expectNoToken(all)
  })

  it('lists operations of the latest or a given version', async () => {
    const result = await http(['operations', 'slack@9.0', '--json'])
    expect(result.code).toBe(0)
    expect((json(result).elements as { name: string }[]).map((op) => op.name)).toContain(
      'send_message',
    )
    const unknown = await http(['operations', 'slak'])
    expect(unknown.code).toBe(1)
    expect(errorOf(unknown).message).toBe('No connector named "slak" (404). Did you mean "slack"?')
  })

  it('describes an operation: fields, lookups and the example payload', async () => {
    const result = await http(['describe', 'slack', 'send_message'])
    expect(result.code).toBe(0)
    const described = json(result) as {
      fields: { path: string; lookup?: { operation: string } }[]
      example: unknown
    }
    expect(described.fields.find((f) => f.path === 'channel')?.lookup?.operation).toBe(
      'list_channels_ddl',
    )
    expect(described.example).toEqual({
      operation: 'send_message',
      input: { channel: '<channel>', text: '<text>' },
    })
  })

  it('calls an operation with --set and bills one task', async () => {
    const result = await http([
      'call',
      'slack',
      'send_message',
      ...setFlags('channel=C0000GENERAL', 'text=hello'),
    ])
    expect(result.code).toBe(0)
    expect(json(result)).toMatchObject({ outcome: 'success', output: { channel: 'C0000GENERAL' } })
    expect(tray.mock.tasks).toBe(1)
    expectNoToken(result)
  })

  it('reads the input from stdin with --input -', async () => {
    const result = await http(['call', 'slack@9.1', 'send_message', '--input', '-'], {
      stdin: '{ "channel": "C0000GENERAL", "text": "from stdin" }',
    })
    expect(result.code).toBe(0)
    expect(tray.mock.calls.at(-1)?.input).toEqual({ channel: 'C0000GENERAL', text: 'from stdin' })
  })

  it('reads the input from a file with --input @file', async () => {
    await writeFile(join(home, 'input.json'), '{"channel":"C1","text":"from a file"}')
    const result = await http(['call', 'slack', 'send_message', '--input', '@input.json'])
    expect(result.code).toBe(0)
    expect(tray.mock.calls.at(-1)?.input).toEqual({ channel: 'C1', text: 'from a file' })
  })

  it('refuses an invalid input with exit 2, listing each issue, and bills nothing', async () => {
    const result = await http([
      'call',
      'slack',
      'send_message',
      ...setFlags('text=hello', 'colour=red'),
    ])
    expect(result.code).toBe(2)
    const issues = errorOf(result).issues as { path: string; message: string }[]
    expect(issues.map((i) => i.path).sort()).toEqual(['input.channel', 'input.colour'])
    expect(tray.mock.tasks).toBe(0)
    expect(tray.mock.calls.filter((c) => c.route === 'call')).toHaveLength(0)
  })

  it('says where broken JSON breaks (exit 2)', async () => {
    const result = await http(['call', 'slack', 'send_message', '--input', '{\n  "text": "hi",\n}'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('line 3, column 1')
    expect(tray.mock.tasks).toBe(0)
  })

  it('prints the validated payload with --dry-run and sends nothing', async () => {
    const result = await http([
      'call',
      'google-sheets',
      'get_rows',
      '--dry-run',
      ...setFlags(
        'spreadsheet_id=S1',
        'worksheet_name=Sheet1',
        'number_of_rows=5',
        'filter.value=true',
      ),
    ])
    expect(result.code).toBe(0)
    expect(json(result)).toEqual({
      operation: 'get_rows',
      input: {
        spreadsheet_id: 'S1',
        worksheet_name: 'Sheet1',
        number_of_rows: 5,
        filter: { value: true },
      },
    })
    expect(tray.mock.calls.filter((c) => c.route === 'call')).toHaveLength(0)
  })

  it("exits 1 with the third party's status and message on outcome error", async () => {
    const result = await http([
      'call',
      'salesforce',
      'get_record',
      ...setFlags('object_type=Account', 'record_id=000000000000'),
      '--auth-id',
      AUTH_ID,
    ])
    expect(result.code).toBe(1)
    expect(json(result)).toMatchObject({ outcome: 'error' })
    const error = errorOf(result)
    expect(error.statusCode).toBe(404)
    expect(error.message).toContain('status 404')
    expect(error.message).toContain('Looks like this has been removed')
    expect(tray.mock.tasks).toBe(1)
  })

  it('returns a dynamic output schema with --output-schema', async () => {
    const result = await http([
      'call',
      'salesforce',
      'get_record',
      ...setFlags('object_type=Contact', 'record_id=003'),
      '--auth-id',
      AUTH_ID,
      '--output-schema',
    ])
    expect(result.code).toBe(0)
    expect(JSON.stringify(json(result))).toContain('LastName')
  })

  it('resolves a lookup through its DDL, after its dependencies are given', async () => {
    const result = await http([
      'lookup',
      'slack',
      'send_message',
      'channel',
      '--auth-id',
      AUTH_ID,
      '--set',
      'workspace_id=T0000ACME',
    ])
    expect(result.code).toBe(0)
    expect(json(result)).toEqual({
      result: [
        { text: '#general', value: 'C0000GENERAL' },
        { text: '#random', value: 'C00000RANDOM' },
      ],
    })
    const missing = await http(['lookup', 'slack', 'send_message', 'channel', '--auth-id', AUTH_ID])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('workspace_id')
    expect(tray.mock.tasks).toBe(1)
  })

  it('lists service environments', async () => {
    const result = await http(['environments', 'slack@4'])
    expect(result.code).toBe(0)
    expect((json(result).elements as { title: string }[]).map((e) => e.title)).toContain(
      'Production',
    )
    const bad = await http(['environments', 'slack'])
    expect(bad.code).toBe(2)
  })

  it('exits 3 without a token, and with a rejected one, never printing it', async () => {
    const none = await run(['connectors'], { env: { ...env, TRAY_API_URL: tray.url } })
    expect(none.code).toBe(3)
    expect(none.stderr).toContain('traykit auth login')
    const rejected = await http(['connectors', '--debug'], { env: { TRAY_TOKEN: `${TOKEN}x` } })
    expect(rejected.code).toBe(3)
    expect(rejected.stderr).toContain('401')
    expect(rejected.stderr).not.toContain(TOKEN)
  })

  it('prints requests and timings with --debug, with the token redacted everywhere', async () => {
    tray.mock.fail({
      status: 500,
      body: { message: `upstream saw Bearer ${TOKEN}` },
      match: { route: 'operations' },
    })
    const result = await http(['operations', 'slack', '--debug'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/core\/v1\/connectors/)
    expect(result.stderr).toMatch(/← 200 GET .* in \d+ ms/)
    expect(result.stderr).toContain('← 500')
    expect(result.stderr).toContain('from env')
    expectNoToken(result)
  })

  it('warns that --token is visible to other users, and uses it', async () => {
    const result = await run(['connectors', '--token', TOKEN, '--api-url', tray.url, '--debug'], {
      env,
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('--token is visible')
    expectNoToken(result)
  })

  it('suggests the nearest command or flag and exits 2', async () => {
    const command = await run(['conectors'], { env })
    expect(command.code).toBe(2)
    expect(errorOf(command).message).toContain('Did you mean "connectors"?')
    const flag = await run(['connectors', '--serch', 'x'], { env })
    expect(flag.code).toBe(2)
    expect(errorOf(flag).message).toContain('Did you mean --search?')
  })

  it('logs in from stdin, saves the token 0600 atomically, and logs out', async () => {
    const login = await http(['auth', 'login'], { stdin: `${TOKEN}\n`, env: { TRAY_TOKEN: '' } })
    expect(login.code).toBe(0)
    expect(json(login)).toMatchObject({ profile: 'default', server: tray.url, token: 'tk_l…op' })
    expectNoToken(login)
    const file = join(env.XDG_CONFIG_HOME!, 'traykit', 'config.json')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(join(env.XDG_CONFIG_HOME!, 'traykit'))).mode & 0o777).toBe(0o700)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      profiles: { default: { token: TOKEN, apiUrl: tray.url } },
    })

    const status = await run(['auth', 'status'], { env })
    expect(status.code).toBe(0)
    expect(json(status)).toMatchObject({
      profile: 'default',
      server: tray.url,
      token: 'tk_l…op',
      tokenSource: 'profile',
    })
    expectNoToken(status)
    expect((await run(['connectors'], { env })).code).toBe(0)

    const logout = await run(['auth', 'logout'], { env })
    expect(json(logout)).toMatchObject({ removed: true })
    expect((await run(['auth', 'status'], { env })).code).toBe(3)
  })

  it('refuses a token Tray rejects, saving nothing (exit 3)', async () => {
    const login = await http(['auth', 'login', '--profile', 'work'], {
      stdin: 'not-the-token',
      env: { TRAY_TOKEN: '' },
    })
    expect(login.code).toBe(3)
    expect(login.stderr).toContain('rejected the token')
    await expect(stat(join(env.XDG_CONFIG_HOME!, 'traykit', 'config.json'))).rejects.toThrow()
  })

  it('names a broken config file and exits 2, without quoting it', async () => {
    await mkdir(join(env.XDG_CONFIG_HOME!, 'traykit'), { recursive: true })
    await writeFile(
      join(env.XDG_CONFIG_HOME!, 'traykit', 'config.json'),
      `{"profiles":{"default":{"token":"${TOKEN}"}},}`,
    )
    const result = await run(['connectors'], { env })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(join(env.XDG_CONFIG_HOME!, 'traykit', 'config.json'))
    expect(result.stderr).toContain('line 1, column')
    expectNoToken(result)
  })

  it.each([
    ['connectors'],
    ['operations', 'slack'],
    ['describe', 'google-sheets', 'get_rows'],
    ['call', 'slack', 'send_message', ...setFlags('channel=C1', 'text=hi')],
    ['lookup', 'slack', 'send_message', 'workspace_id', '--auth-id', MOCK_AUTH_ID],
    ['environments', 'twilio@1'],
    ['auth', 'status'],
  ])('runs %s … against the built-in mock with --mock', async (...args) => {
    const result = await run(['--mock', ...args], { env })
    expect(result.code).toBe(0)
    expect(() => JSON.parse(result.stdout)).not.toThrow()
  })
})

describe('the built bin', () => {
  /** The bundle files a run of the bin loads (neither needs a token or a config file). */
  const loaded = (args: string[]) => {
    const preload = join(import.meta.dirname, '__fixtures__', 'report-loaded-chunks.cjs')
    const result = spawnSync(process.execPath, ['-r', preload, CLI_PATH, ...args], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    })
    return /loaded: (.*)/.exec(result.stderr)?.[1]?.split(' ')
  }

  it('loads no command code for --help, and the mock only for --mock', () => {
    expect(loaded(['--help'])).toEqual(['cli.cjs', 'start.cjs'])
    expect(loaded(['--mock', 'connectors'])).toEqual([
      'cli.cjs',
      'commands.cjs',
      'mock.cjs',
      'rolldown-runtime.cjs',
      'start.cjs',
    ])
  })
})
