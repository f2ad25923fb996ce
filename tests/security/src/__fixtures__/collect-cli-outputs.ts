import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { createMockTray, type MockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import { Captures } from './capture'
import { copyBuiltCli, runBin, runBinInTerminal, startBin } from './cli-bin'
import { api, GOOD_INPUT, type Run, runsWithTheTokenInTheEnvironment, SEND } from './cli-runs'
import { createSlots } from './create-slots'
import {
  createEchoingTray,
  ECHO_PAGE,
  ECHOED_CATALOG,
  echoBody,
  MISSHAPEN_OPERATIONS,
} from './echoing-tray'
import { TOKEN } from './secret-token'

/** What running the `traykit` bin with the token produced. */
export interface CliOutputs {
  captures: Captures
  /** The output of `traykit mock` itself, which belongs to the mock's captures. */
  mockCommand: Captures
  /** Runs whose exit code was not the one expected: each case must really have happened. */
  unexpected: string[]
  /** Every file under $HOME after `auth login`, and whether it holds the token. */
  savedFiles: { path: string; holdsToken: boolean }[]
  /** The mocks the bin talked to, for their journals; the first accepts TOKEN alone. */
  upstreams: MockTray[]
}

/** Bin processes at once: the machine has two cores, shared with other suites. */
const PROCESSES = 4
const PROFILE = ['--profile', 'scan']
const service = (name: string) => (r: { route: string; path: string }) =>
  r.route === 'environments' && r.path.includes(`/services/${name}/`)

/**
 * Runs every `traykit` command as a user would, with the token from TRAY_TOKEN, `--token` and
 * a saved profile, against mocks over HTTP that accept only TOKEN (some echoing it back,
 * failing, or rejecting it), piped and in a terminal, and captures stdout and stderr.
 */
export async function collectCliOutputs(): Promise<CliOutputs> {
  const captures = new Captures('cli')
  const mockCommand = new Captures('mock')
  const unexpected: string[] = []
  const root = await mkdtemp(join(tmpdir(), 'traykit-secrets-'))
  const bin = await copyBuiltCli(join(root, 'bin'))
  const slot = createSlots(PROCESSES)

  // Each failure on a route of its own, so the runs can go in parallel.
  const tray = createEchoingTray()
  const echoHeaders = { 'x-request-id': `Bearer ${TOKEN}` }
  tray.fail({ status: 500, body: echoBody(500), headers: echoHeaders, match: service('shopify') })
  tray.fail({ status: 429, body: echoBody(429), match: service('twilio') })
  tray.fail({ status: 403, body: ECHO_PAGE, match: service('google-sheets') })
  tray.fail({
    status: 200,
    body: MISSHAPEN_OPERATIONS,
    match: { route: 'operations', connector: 'shopify' },
  })
  tray.drop({ match: { route: 'call', connector: 'salesforce' } })
  const echoingCatalog = createEchoingTray()
  echoingCatalog.fail({ status: 200, body: ECHOED_CATALOG, match: { route: 'connectors' } })
  const rejecting = createMockTray({ tokens: ['a-token-this-server-expects'] })
  const servers = await Promise.all([tray, echoingCatalog, rejecting].map((m) => listen(m)))
  const [url, echoingUrl, rejectingUrl] = servers.map((s) => s.url) as [string, string, string]
  const closed = await listen(createMockTray())
  await closed.close()

  const home = async (name: string, extra: Record<string, string> = {}) => {
    const dir = join(root, name)
    await mkdir(dir)
    return { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), ...extra }
  }

  async function run(r: Run): Promise<void> {
    const result = await slot(() =>
      r.terminal
        ? runBinInTerminal(bin, r.args, { ...r.env, TERM: 'xterm-256color' }, r.terminal)
        : runBin(bin, r.args, r.env, r.stdin),
    )
    if (result.code !== r.code)
      unexpected.push(`${r.what}: exit ${result.code} instead of ${r.code}`)
    const label = `${r.what} (traykit ${r.args.join(' ')}${r.terminal ? ', in a terminal' : ''})`
    captures.add(`${label}: stdout`, result.stdout)
    captures.add(`${label}: stderr`, result.stderr)
  }

  // The token from TRAY_TOKEN (once from --token): every command, answered and failing.
  const env = await home('env', { TRAY_TOKEN: TOKEN })
  const fromEnv = runsWithTheTokenInTheEnvironment({
    url,
    echoingUrl,
    rejectingUrl,
    closedUrl: closed.url,
  })
  const stories: Promise<unknown>[] = fromEnv.map((r) => run({ ...r, env }))
  stories.push(
    run({
      what: 'the token from --token',
      args: ['connectors', '--token', TOKEN, ...api(url)],
      env: await home('flag'),
      code: 0,
    }),
  )

  // The token saved by `auth login`, used from the profile, then removed by `auth logout`.
  let savedFiles: CliOutputs['savedFiles'] = []
  const profileEnv = await home('profile')
  stories.push(
    (async () => {
      const stdin = `${TOKEN}\n`
      const login = ['auth', 'login', ...PROFILE, ...api(url)]
      await run({ what: 'auth login', args: login, env: profileEnv, stdin, code: 0 })
      savedFiles = await filesUnder(profileEnv.HOME)
      await Promise.all([
        run({
          what: 'auth status from the profile',
          args: ['auth', 'status', ...PROFILE, '--debug'],
          env: profileEnv,
          code: 0,
        }),
        run({
          what: 'auth status from the profile',
          args: ['auth', 'status', ...PROFILE],
          env: profileEnv,
          terminal: 100,
          code: 0,
        }),
        run({
          what: 'a call from the profile',
          args: [...SEND, ...GOOD_INPUT, ...PROFILE, '--debug'],
          env: profileEnv,
          code: 0,
        }),
      ])
      const logout = ['auth', 'logout', ...PROFILE, '--debug']
      await run({ what: 'auth logout', args: logout, env: profileEnv, code: 0 })
    })(),
  )
  stories.push(
    run({
      what: 'auth login with a token Tray rejects',
      args: ['auth', 'login', ...PROFILE, ...api(rejectingUrl)],
      env: await home('rejected'),
      stdin: `${TOKEN}\n`,
      code: 3,
    }),
  )

  // Config files a person broke by hand, the token inside.
  for (const [name, text] of [
    ['a profile that is the bare token', JSON.stringify({ profiles: { default: TOKEN } })],
    ['not JSON', `{"profiles": {"default": {"token": "${TOKEN}",}}}`],
  ] as const) {
    const brokenEnv = await home(name.replaceAll(' ', '-'))
    const dir = join(brokenEnv.XDG_CONFIG_HOME, 'traykit')
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'config.json'), text, { mode: 0o600 })
    const args = ['connectors', ...api(url)]
    stories.push(run({ what: `a config file: ${name}`, args, env: brokenEnv, code: 2 }))
  }

  // `traykit mock`, sent the token: it accepts only its own, so this is its 401.
  stories.push(
    (async () => {
      const server = startBin(bin, ['mock', '--json'], await home('mock'))
      try {
        const { url: mockUrl } = JSON.parse(await server.firstLine) as { url: string }
        const args = ['connectors', ...api(mockUrl)]
        await run({ what: 'traykit mock rejecting the token', args, env, code: 3 })
      } finally {
        const ended = await server.stop()
        mockCommand.add('traykit mock: stdout', ended.stdout)
        mockCommand.add('traykit mock: stderr', ended.stderr)
      }
    })(),
  )

  try {
    await Promise.all(stories)
  } finally {
    await Promise.all(servers.map((server) => server.close()))
    await rm(root, { recursive: true, force: true })
  }
  return {
    captures,
    mockCommand,
    unexpected,
    savedFiles,
    upstreams: [tray, echoingCatalog, rejecting],
  }
}

/** Every file under `dir`, relative, and whether it holds the token. */
async function filesUnder(dir: string): Promise<CliOutputs['savedFiles']> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile())
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name)
      const holdsToken = (await readFile(path, 'utf8')).includes(TOKEN)
      return { path: relative(dir, path), holdsToken }
    }),
  )
}
