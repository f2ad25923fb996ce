// What people see on a terminal, and how the command line is checked, run in process.
import { useMockTray } from '@traykit/testing/vitest'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  fakeTtyStdin,
  runInProcess,
  startInProcess,
  tempHome,
  until,
} from './__fixtures__/cli-runs'
import { setFlags } from './__fixtures__/set-flags'

const TOKEN = 'tk_test_0123456789abcdef'
const tray = useMockTray({ listen: true, tokens: [TOKEN] })
let env: Record<string, string>

beforeEach(async () => {
  env = { ...(await tempHome()).env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN, NO_COLOR: '1' }
})

const ESC = '\u001B['

describe('on a terminal', () => {
  it('prints aligned tables, cut to the terminal width', async () => {
    const result = await runInProcess(['connectors'], { env, tty: true, columns: 80 })
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^NAME +VERSION +TITLE +SERVICE +DESCRIPTION$/)
    expect(lines.find((l) => l.startsWith('slack '))).toMatch(
      /^slack +9\.1 +Slack +slack@4 +Slack connector$/,
    )
    expect(lines.every((l) => l.length <= 80)).toBe(true)
    expect(lines.some((l) => l.endsWith('…'))).toBe(true)
    expect(result.stdout).not.toContain(ESC)
  })

  it('colours tables unless NO_COLOR or --no-color', async () => {
    const { NO_COLOR: _, ...colourEnv } = env
    const coloured = await runInProcess(['connectors'], { env: colourEnv, tty: true })
    expect(coloured.stdout).toContain(`${ESC}1m`)
    const flagged = await runInProcess(['connectors', '--no-color'], { env: colourEnv, tty: true })
    expect(flagged.stdout).not.toContain(ESC)
    const piped = await runInProcess(['connectors'], { env: colourEnv, tty: false })
    expect(piped.stdout).not.toContain(ESC)
    expect(() => JSON.parse(piped.stdout)).not.toThrow()
  })

  it('gives people text errors on a terminal even when stdout is a pipe, and scripts JSON', async () => {
    const person = await runInProcess(['operations', 'nope'], { env, stderrTty: true })
    expect(person.stderr).toContain('error: No connector named "nope" (404)\n')
    const script = await runInProcess(['operations', 'nope', '--json'], { env, stderrTty: true })
    expect(JSON.parse(script.stderr)).toEqual({
      error: {
        type: 'tray_api_error',
        message: 'No connector named "nope" (404)',
        status: 404,
        code: null,
      },
    })
  })

  it('suggests the nearest connector, version or operation the server has', async () => {
    const cases: [string[], string, string][] = [
      [['operations', 'slak'], 'No connector named "slak" (404). Did you mean "slack"?', 'slack'],
      [['describe', 'googel-sheets', 'get_rows'], 'Did you mean "google-sheets"?', 'google-sheets'],
      [['operations', 'slack@9.2'], 'Did you mean "9.1"?', '9.1'],
      [
        ['call', 'slack', 'send_mesage', ...setFlags('channel=C1', 'text=hi')],
        'slack@9.1 has no operation "send_mesage" (404). Did you mean "send_message"?',
        'send_message',
      ],
      [
        ['lookup', 'slack', 'sendmessage', 'channel'],
        'Did you mean "send_message"?',
        'send_message',
      ],
    ]
    for (const [args, message, suggestion] of cases) {
      const person = await runInProcess(args, { env, stderrTty: true })
      expect(person.code).toBe(1)
      expect(person.stderr).toContain(message)
      const script = await runInProcess([...args, '--json'], { env })
      expect(JSON.parse(script.stderr).error).toMatchObject({
        type: 'tray_api_error',
        status: 404,
        suggestion,
      })
    }
    const far = await runInProcess(['operations', 'zzzzzzzz', '--json'], { env })
    expect(JSON.parse(far.stderr).error).toEqual({
      type: 'tray_api_error',
      message: 'No connector named "zzzzzzzz" (404)',
      status: 404,
      code: null,
    })
    expect(tray.mock.tasks).toBe(0)
  })

  it('gives JSON with --json even on a terminal', async () => {
    const result = await runInProcess(['operations', 'slack', '--json'], { env, tty: true })
    expect(JSON.parse(result.stdout)).toHaveProperty('elements')
  })

  it('describes an operation as a field table and an example payload ready to edit', async () => {
    const result = await runInProcess(['describe', 'google-sheets', 'get_rows'], {
      env,
      tty: true,
      columns: 200,
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/FIELD +TYPE +REQUIRED +ADVANCED +DEFAULT +OPTIONS/)
    expect(result.stdout).toMatch(
      /worksheet_name +string +yes +lookup list_worksheets_ddl_return_name \(needs spreadsheet_id\)/,
    )
    expect(result.stdout).toMatch(/number_of_rows +integer +yes +100/)
    expect(result.stdout).toMatch(
      /filter\.sort_direction +string +one of: ascending \(Ascending\) \| descending \(Descending\)/,
    )
    const example = /\{\n[\s\S]*?\n\}/.exec(result.stdout)?.[0]
    expect(JSON.parse(example!)).toEqual({
      operation: 'get_rows',
      input: {
        spreadsheet_id: '<spreadsheet_id>',
        worksheet_name: '<worksheet_name>',
        number_of_rows: 100,
      },
    })
  })

  it('tells people a call bills a task, on stderr, and not with --json', async () => {
    const args = ['call', 'slack', 'send_message', ...setFlags('channel=C1', 'text=hi')]
    const person = await runInProcess(args, { env, tty: true })
    expect(person.stderr).toContain('This call bills one Tray task (slack@9.1 send_message).')
    expect(JSON.parse(person.stdout)).toMatchObject({ ok: true, channel: 'C1' })
    const script = await runInProcess([...args, '--json'], { env, tty: true })
    expect(script.stderr).toBe('')
    expect(JSON.parse(script.stdout)).toMatchObject({ outcome: 'success' })
  })

  it('prints errors as text for people, each validation issue on its own line', async () => {
    const result = await runInProcess(['call', 'slack', 'send_message', ...setFlags('text=1')], {
      env,
      tty: true,
      stderrTty: true,
    })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    // toContain: a slow machine may show the spinner first.
    expect(result.stderr).toContain(
      'error: Input for slack@9.1 send_message is invalid; nothing was sent\n  - input.channel: channel is required\n',
    )
  })

  it('prints no control sequence from Tray or a third party on a terminal; JSON keeps them', async () => {
    const hostile = 'Gone\u001B]52;c;ZXZpbA==\u0007\u001B[2J\u009B2J'
    tray.mock.handle('slack', 'send_message', () => ({
      outcome: 'error',
      output: { message: hostile, response: { statusCode: 410, body: hostile } },
    }))
    const args = ['call', 'slack', 'send_message', ...setFlags('channel=C1', 'text=hi')]
    const person = await runInProcess(args, { env, tty: true, stderrTty: true })
    expect(person.code).toBe(1)
    expect(person.stderr).toContain('failed with status 410: Gone]52;c;ZXZpbA==[2J2J')
    for (const control of ['\u001B]', '\u001B[2J', '\u0007', '\u009B'])
      expect(person.stdout + person.stderr).not.toContain(control)
    const script = await runInProcess([...args, '--json'], { env, tty: true, stderrTty: true })
    expect(script.stdout).not.toContain('\u009B')
    expect(JSON.parse(script.stdout).output.message).toBe(hostile)
    expect(JSON.parse(script.stderr).error.message).toContain(hostile)
  })

  it('shows a spinner on stderr only for a terminal, and clears it', async () => {
    tray.mock.delay({ ms: 600, match: { route: 'connectors' } })
    const person = await runInProcess(['connectors'], { env, tty: true, stderrTty: true })
    expect(person.stderr).toContain('Listing connectors')
    expect(person.stderr.endsWith('\r\u001B[2K')).toBe(true)
    tray.mock.delay({ ms: 600, match: { route: 'connectors' } })
    const piped = await runInProcess(['connectors'], { env, tty: false, stderrTty: false })
    expect(piped.stderr).toBe('')
  })
})

describe('the command line', () => {
  it('lists every command in --help, and a command’s own flags in its help', async () => {
    const root = await runInProcess(['--help'], { env })
    expect(root.stdout).toContain(
      'Exit codes: 0 ok, 1 Tray or third-party error, 2 usage or input error, 3 missing or rejected token.',
    )
    const call = await runInProcess(['call', '--help'], { env })
    expect(call.code).toBe(0)
    expect(call.stdout).toContain('USAGE traykit call [OPTIONS] <CONNECTOR> <OPERATION>')
    for (const flag of ['--input', '--set', '--auth-id', '--dry-run', '--output-schema', '--json'])
      expect(call.stdout).toContain(flag)
    const auth = await runInProcess(['auth'], { env })
    expect(auth.code).toBe(0)
    expect(auth.stdout).toMatch(/login +Check a token/)
  })

  it('prints the version', async () => {
    const result = await runInProcess(['--version'], { env })
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('accepts global flags before or after the command', async () => {
    const before = await runInProcess(['--mock', '--json', 'operations', 'twilio-output'], {
      env: {},
      tty: true,
    })
    const after = await runInProcess(['operations', 'twilio-output', '--mock', '--json'], {
      env: {},
      tty: true,
    })
    expect(before.code).toBe(0)
    expect(before.stdout).toBe(after.stdout)
  })

  it('takes a flag value that starts with a dash as the value, never as flags', async () => {
    const search = await runInProcess(['--mock', 'connectors', '--search', '-h'], { env: {} })
    expect(search.code).toBe(0)
    expect(JSON.parse(search.stdout)).toEqual({ elements: [] })
    // `-_` read as a flag named `_` once crashed citty's parser (exit 1, "unexpected failure").
    const set = await runInProcess(
      ['--mock', 'call', 'slack', 'send_message', '--dry-run', '--set', '-_x=1', '--profile', '-_'],
      { env: {} },
    )
    expect(set.code).toBe(2)
    expect(set.stderr).toContain('input.-_x: unknown field \\"-_x\\"')
  })

  it.each([
    [['auth', 'lgin'], 'Unknown command "lgin" for traykit auth. Did you mean "login"?'],
    [['operations'], 'Missing required positional argument: CONNECTOR'],
    [['connectors', 'slack'], 'Unexpected argument "slack" for traykit connectors.'],
    [['connectors', '--search'], '--search needs a value.'],
    [
      ['call', 'slack', 'send_message', '--dryrun'],
      'Unknown flag --dryrun for traykit call. Did you mean --dry-run?',
    ],
    [['call', 'slack', 'send_message', '--set', 'novalue'], '--set expects path=value'],
    [
      ['--region', 'mars', 'connectors'],
      'Unknown region "mars" (from --region): use one of us, eu1, ap1',
    ],
    [['--api-url', 'ftp://x', 'connectors'], 'The API URL from --api-url is not an http(s) URL'],
    [['operations', 'slack@'], 'Expected <connector>[@version]'],
    [['lookup', 'slack', 'send_message', 'channel'], 'The options of channel depend'],
    [
      [
        'lookup',
        'slack',
        'send_message',
        'text',
        '--auth-id',
        '00000000-0000-4000-8000-000000000009',
      ],
      'text has no lookup in send_message; nothing was sent\n  - text: has no lookup; the fields with one are workspace_id, channel',
    ],
    [
      ['call', 'slack', 'send_message', '--auth-id', 'abc', ...setFlags('channel=C', 'text=t')],
      '--auth-id: must be a UUID',
    ],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await runInProcess(args, { env, tty: true, stderrTty: true })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
  })

  it('runs a lookup without --auth-id where the server takes none, and with the mock’s own under --mock', async () => {
    const args = ['lookup', 'slack', 'send_message', 'channel', '--set', 'workspace_id=T0000ACME']
    const http = await runInProcess(args, { env })
    expect(http.code).toBe(0)
    expect(JSON.parse(http.stdout).result).toContainEqual({
      text: '#general',
      value: 'C0000GENERAL',
    })
    const sent = tray.mock.calls.find((call) => call.route === 'call')
    expect(sent?.authId).toBeUndefined()

    const mocked = await runInProcess([...args, '--mock'], { env: { NO_COLOR: '1' }, tty: true })
    expect(mocked.code).toBe(0)
    expect(mocked.stderr).toContain(
      "Using the mock's authentication 00000000-0000-4000-8000-000000000001 (no --auth-id given).",
    )
    expect(mocked.stdout).toMatch(/C0000GENERAL +#general/)
  })

  it('prints a static output schema without a call', async () => {
    const result = await runInProcess(
      ['call', 'slack', 'send_message', '--output-schema', ...setFlags('channel=C', 'text=t')],
      { env, tty: true },
    )
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('has a static output schema; printed without a call.')
    expect(JSON.parse(result.stdout).output_schema.properties).toHaveProperty('ts')
    expect(tray.mock.tasks).toBe(0)
  })

  it('types --set values by the schema', async () => {
    const result = await runInProcess(
      [
        'call',
        'google-sheets',
        'get_rows',
        '--dry-run',
        ...setFlags('spreadsheet_id=123', 'worksheet_name=true'),
        '--set=number_of_rows=25',
        ...setFlags('format_response=false', 'filter={"operator":"Equal to"}', 'filter.value=3'),
      ],
      { env },
    )
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).input).toEqual({
      spreadsheet_id: '123',
      worksheet_name: 'true',
      number_of_rows: 25,
      format_response: false,
      filter: { operator: 'Equal to', value: 3 },
    })
    const wrong = await runInProcess(
      ['call', 'google-sheets', 'get_rows', '--set', 'number_of_rows=lots'],
      { env, stderrTty: true },
    )
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('--set number_of_rows: expected integer, got "lots"')
  })

  it('runs the hidden prompt on a terminal, echoing nothing', async () => {
    const stdin = fakeTtyStdin()
    const run = startInProcess(['auth', 'login'], {
      env: { ...env, TRAY_TOKEN: '' },
      stdin,
      tty: true,
    })
    await until(() => run.output.stderr.includes('(input hidden)'), 'the prompt')
    stdin.write(`${TOKEN}\r`)
    const result = await run.done
    expect(result.code).toBe(0)
    expect(stdin.rawModes).toEqual([true, false])
    expect(result.stdout + result.stderr).not.toContain(TOKEN)
    expect(result.stdout).toContain('Logged in to')
  })

  it('keeps profiles apart and lets TRAY_TOKEN win over a profile', async () => {
    const { TRAY_TOKEN: _, ...noToken } = env
    expect(
      (await runInProcess(['auth', 'login', '--profile', 'work'], { env: noToken, stdin: TOKEN }))
        .code,
    ).toBe(0)
    expect((await runInProcess(['connectors'], { env: noToken })).code).toBe(3)
    expect((await runInProcess(['connectors', '--profile', 'work'], { env: noToken })).code).toBe(0)
    expect(
      (await runInProcess(['connectors'], { env: { ...noToken, TRAY_PROFILE: 'work' } })).code,
    ).toBe(0)
    const status = await runInProcess(['auth', 'status', '--profile', 'work'], {
      env: { ...noToken, TRAY_TOKEN: 'other-token-value' },
    })
    expect(JSON.parse(status.stdout)).toMatchObject({
      profile: 'work',
      tokenSource: 'env',
      token: 'othe…e',
    })
  })
})
