// Everything the CLI prints goes through core's one redactor: a Tray token never shows, in any
// spelling or as a long enough piece of it, and a short token (the mock's `mock`) rewrites no word.
import { useMockTray } from '@traykit/testing/vitest'
import { beforeEach, describe, expect, it } from 'vitest'
import { type CliResult, runBuilt, runInProcess, tempHome } from './__fixtures__/cli-runs'
import { setFlags } from './__fixtures__/set-flags'

// `/` and `+` so that the `\/` and `\u002B` spellings apply.
const TOKEN = 'tk_live/S3CRET+0123456789abcdefghij'
const FRAGMENT = 12

const tray = useMockTray({ listen: true, tokens: [TOKEN, 'mock'] })

/** Every run of `FRAGMENT` characters of the token: none may appear in what was printed. */
function expectNoFragment(result: CliResult): void {
  const printed = result.stdout + result.stderr
  for (let i = 0; i + FRAGMENT <= TOKEN.length; i++) {
    expect(printed).not.toContain(TOKEN.slice(i, i + FRAGMENT))
  }
}

const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
/** The token as a JSON body may spell it, each written as it would stand inside a JSON string. */
const SPELLINGS: [string, string][] = [
  ['every character \\u-escaped', [...TOKEN].map(hex).join('')],
  ['with \\/ and \\u002B', TOKEN.replace('/', '\\/').replace('+', '\\u002B')],
  [
    '\\u-escaped upper case',
    [...TOKEN].map((c) => hex(c).toUpperCase().replace('\\U', '\\u')).join(''),
  ],
]

const runners: [string, typeof runInProcess][] = [
  ['in process', runInProcess],
  ['built bin', (args, options) => runBuilt(args, { env: options?.env as Record<string, string> })],
]

describe.each(runners)('the CLI (%s)', (_, run) => {
  let env: Record<string, string>
  beforeEach(async () => {
    env = { ...(await tempHome()).env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN }
  })

  it.each(SPELLINGS)(
    'prints no piece of a token a 400 echoes after 460 characters, escaped %s',
    async (_, escaped) => {
      // Raw JSON text: the escapes reach the client as the server wrote them.
      const body = `{"message":"${'x'.repeat(460)} rejected Authorization: Bearer ${escaped}"}`
      for (const flags of [['--json'], ['--debug'], []]) {
        tray.mock.reset()
        tray.mock.fail({ status: 400, body, match: { route: 'connectors' } })
        const result = await run(['connectors', ...flags], { env })
        expect(result.code).toBe(2)
        expect(result.stderr).toContain('x'.repeat(100))
        expectNoFragment(result)
      }
    },
  )
})

describe('successful data', () => {
  let env: Record<string, string>
  beforeEach(async () => {
    env = (await tempHome()).env
  })
  const send = ['call', 'slack', 'send_message', ...setFlags('channel=C1', 'text=hi')]

  it('is printed intact with the short token of `traykit mock`', async () => {
    tray.mock.handle('slack', 'send_message', () => ({
      outcome: 'success',
      output: { message: 'created in mocked hubspot', mock: true },
    }))
    const mock = { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: 'mock' }
    const script = await runInProcess(send, { env: mock })
    expect(script.code).toBe(0)
    expect(JSON.parse(script.stdout).output).toEqual({
      message: 'created in mocked hubspot',
      mock: true,
    })
    const person = await runInProcess(send, { env: { ...mock, NO_COLOR: '1' }, tty: true })
    expect(person.stdout).toContain('"message": "created in mocked hubspot"')
  })

  it('loses any long piece of a real token it echoes, and stays valid JSON', async () => {
    tray.mock.handle('slack', 'send_message', () => ({
      outcome: 'success',
      output: { echoed: `auth ${TOKEN.slice(3, 20)} ok`, [TOKEN.slice(0, 14)]: 1 },
    }))
    const result = await runInProcess(send, {
      env: { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN },
    })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).output).toEqual({
      echoed: 'auth [redacted] ok',
      '[redacted]': 1,
    })
    expectNoFragment(result)
  })
})
