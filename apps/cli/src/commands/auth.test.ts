// `traykit auth`: a broken config file is refused and left as it is, and the token never shows,
// not even with --debug.
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { useMockTray } from '@traykit/testing/vitest'
import { beforeEach, describe, expect, it } from 'vitest'
import { type CliResult, runBuilt, runInProcess, tempHome } from '../__fixtures__/cli-runs'

const TOKEN = 'tk_live_AUTH_S3CRET_abcdefghij'
const WRONG_TOKEN = 'tk_live_WRONG_S3CRET_klmnopqr'
const tray = useMockTray({ listen: true, tokens: [TOKEN] })

let env: Record<string, string>
let file: string

beforeEach(async () => {
  ;({ env } = await tempHome())
  file = join(env.XDG_CONFIG_HOME!, 'traykit', 'config.json')
})

function expectNoSecret(result: CliResult): void {
  for (const secret of [TOKEN, WRONG_TOKEN]) {
    expect(result.stdout).not.toContain(secret)
    expect(result.stderr).not.toContain(secret)
  }
}

describe('a broken config file', () => {
  const broken = [
    ['truncated JSON', `{"profiles":{"default":{"token":"${TOKEN}"`, 'is not valid JSON'],
    ['an empty file', '', 'is not valid JSON'],
    ['not an object', '[]', 'is invalid: must be a JSON object'],
    [
      'the wrong shape',
      '{"profiles":{"default":{"token":42}}}',
      'is invalid at profiles.default.token',
    ],
    [
      'a reserved profile name',
      '{"profiles":{"prototype":{}}}',
      'is invalid at profiles.prototype',
    ],
  ]
  const commands = [
    ['auth', 'login'],
    ['auth', 'logout'],
    ['auth', 'status'],
  ]

  describe.each(broken)('(%s)', (_, text, problem) => {
    it.each(commands)(
      'is refused by %s %s with exit 2, naming it, and left as it is',
      async (...command) => {
        await mkdir(join(env.XDG_CONFIG_HOME!, 'traykit'), { recursive: true })
        await writeFile(file, text, { mode: 0o600 })
        const result = await runInProcess(command, {
          env: { ...env, TRAY_API_URL: tray.url },
          stdin: `${TOKEN}\n`,
        })
        expect(result.code).toBe(2)
        const { message } = (JSON.parse(result.stderr) as { error: { message: string } }).error
        expect(message).toContain(`The config file ${file} ${problem}`)
        expect(message).toContain('traykit will not overwrite it')
        expect(await readFile(file, 'utf8')).toBe(text)
        expect(await readdir(join(env.XDG_CONFIG_HOME!, 'traykit'))).toEqual(['config.json'])
        // Refused before the token was even checked with the server.
        expect(tray.mock.calls).toHaveLength(0)
        expectNoSecret(result)
      },
    )
  })

  it('is refused by the built bin too', async () => {
    await mkdir(join(env.XDG_CONFIG_HOME!, 'traykit'), { recursive: true })
    await writeFile(file, '{"profiles":', { mode: 0o600 })
    const result = await runBuilt(['auth', 'login'], {
      env: { ...env, TRAY_API_URL: tray.url },
      stdin: TOKEN,
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(file)
    expect(await readFile(file, 'utf8')).toBe('{"profiles":')
    expect(tray.mock.calls).toHaveLength(0)
  })
})

describe('auth login --debug', () => {
  const login = (token: string, extra: string[] = []) =>
    runInProcess(['auth', 'login', '--debug', ...extra], {
      env: { ...env, TRAY_API_URL: tray.url },
      stdin: `${token}\n`,
    })

  it('shows the requests, never the token, when the server accepts it', async () => {
    const result = await login(TOKEN)
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/debug: → GET http:\/\/127\.0\.0\.1:\d+\/core\/v1\/connectors/)
    expect(result.stderr).toContain('← 200 GET')
    expect(JSON.parse(result.stdout)).toMatchObject({ token: 'tk_l…ij' })
    // The mock accepts only TOKEN: the request carried it, the output does not.
    expect(tray.mock.calls.map((call) => call.status)).toEqual([200])
    expectNoSecret(result)
  })

  it('never shows a token the server rejects (exit 3), nor saves it', async () => {
    const result = await login(WRONG_TOKEN)
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('← 401 GET')
    expect(result.stderr).toContain('rejected the token')
    await expect(readFile(file)).rejects.toThrow('ENOENT')
    expectNoSecret(result)
  })

  it('never shows the token when the server fails and echoes it back', async () => {
    tray.mock.fail({ status: 500, body: { message: `bad request from Bearer ${TOKEN}` } })
    const result = await login(TOKEN, ['--profile', 'work'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('← 500 GET')
    expect(result.stderr).toContain('[redacted]')
    expectNoSecret(result)
  })

  it('never shows the token in the built bin, given with --token', async () => {
    const result = await runBuilt(['auth', 'login', '--debug', '--token', TOKEN], {
      env: { ...env, TRAY_API_URL: tray.url },
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('--token is visible')
    expect(result.stderr).toContain('← 200 GET')
    expectNoSecret(result)
  })
})

describe('where a token may go', () => {
  const config = async (profiles: object) => {
    await mkdir(join(env.XDG_CONFIG_HOME!, 'traykit'), { recursive: true, mode: 0o700 })
    const text = JSON.stringify({ profiles })
    await writeFile(file, text, { mode: 0o600 })
    return text
  }
  const errorOf = (result: CliResult) =>
    (JSON.parse(result.stderr) as { error: { type: string; message: string } }).error

  it('auth login sends no token to a server only the config file names', async () => {
    const text = await config({ default: { apiUrl: tray.url } })
    const planted = await runInProcess(['auth', 'login'], { env, stdin: `${TOKEN}\n` })
    expect(planted.code).toBe(2)
    expect(errorOf(planted).message).toContain(
      `Profile "default" sends tokens to ${tray.url} (its apiUrl in ${file}), which is not a Tray host.`,
    )
    expect(errorOf(planted).message).toContain(`--api-url ${tray.url}`)
    // Nothing was sent, nothing saved.
    expect(tray.mock.calls).toHaveLength(0)
    expect(await readFile(file, 'utf8')).toBe(text)
    expectNoSecret(planted)

    const named = await runInProcess(['auth', 'login', '--api-url', tray.url], {
      env,
      stdin: `${TOKEN}\n`,
      tty: true,
    })
    expect(named.code).toBe(0)
    expect(named.stderr).toContain(
      `The token goes to ${tray.url} (from --api-url), not a Tray host.`,
    )
    expect(tray.mock.calls).toHaveLength(1)
  })

  it("warns when a token given for the run goes to a profile's server that is not Tray", async () => {
    await config({ default: { apiUrl: tray.url } })
    const result = await runInProcess(['connectors'], { env: { ...env, TRAY_TOKEN: TOKEN } })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(
      `warning: the token from TRAY_TOKEN goes to ${tray.url}, the API URL of profile "default" of ${file}, not a Tray host`,
    )
    expectNoSecret(result)
  })

  it.each([
    ['--api-url', ['--api-url', 'http://tray.example.com'], {}, '--api-url'],
    ['TRAY_API_URL', [], { TRAY_API_URL: 'http://10.0.0.5:8787' }, 'TRAY_API_URL'],
  ])(
    'refuses a plain http:// server off this machine from %s (exit 2)',
    async (_, flags, extra, where) => {
      const result = await runInProcess(['auth', 'status', ...flags], {
        env: { ...env, ...extra, TRAY_TOKEN: TOKEN },
      })
      expect(result.code).toBe(2)
      expect(errorOf(result).message).toContain(`The API URL from ${where} is http://`)
      expect(errorOf(result).message).toContain('add --insecure if you mean it')
    },
  )

  it('takes one with --insecure, warning every time, and loopback http:// without a word', async () => {
    const insecure = await runInProcess(
      ['auth', 'status', '--api-url', 'http://tray.example.com', '--insecure'],
      { env: { ...env, TRAY_TOKEN: TOKEN } },
    )
    expect(insecure.code).toBe(0)
    expect(insecure.stderr).toContain(
      'warning: --insecure: the token goes to http://tray.example.com in clear text',
    )
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) {
      const local = await runInProcess(['auth', 'status', '--api-url', url], {
        env: { ...env, TRAY_TOKEN: TOKEN },
      })
      expect(local.code).toBe(0)
      expect(local.stderr).toBe('')
    }
  })

  it('refuses a world-writable config directory (exit 3) before any request', async () => {
    const text = await config({ work: { token: TOKEN } })
    await chmod(join(env.XDG_CONFIG_HOME!, 'traykit'), 0o777)
    for (const command of [
      ['connectors', '--profile', 'work'],
      ['auth', 'login', '--profile', 'work'],
      ['auth', 'logout', '--profile', 'work'],
    ]) {
      const result = await runInProcess(command, {
        env: { ...env, TRAY_API_URL: tray.url },
        stdin: `${TOKEN}\n`,
      })
      expect(result.code).toBe(3)
      expect(errorOf(result).message).toContain('Refusing the config directory')
      expectNoSecret(result)
    }
    expect(tray.mock.calls).toHaveLength(0)
    expect(await readFile(file, 'utf8')).toBe(text)
  })
})
