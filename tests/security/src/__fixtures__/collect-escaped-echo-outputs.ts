import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ClientHooks, createTrayClient } from '@traykit/core'
import { createTrayHandler } from '@traykit/edge'
import { createMockTray, type MockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import { Captures, withConsoleCaptured } from './capture'
import { copyBuiltCli, runBin } from './cli-bin'
import { createSlots } from './create-slots'
import { type EchoCase, echoCases } from './escaped-echoes'

/** What the entry points produced when an upstream echoed one token escaped, split or cut. */
export interface EchoOutputs {
  core: Captures
  edge: Captures
  cli: Captures
  /** Cases that did not end in a failure the user sees: each case must really have happened. */
  unexpected: string[]
  /**
   * Core cases whose error holds none of the upstream's words: the echo never reached it, and
   * the case proved nothing. (The edge and the CLI may rightly show less than core keeps.)
   */
  unseen: string[]
}

const SEND = { operation: 'send_message', input: { channel: 'C1', text: 'hi' } }
const CALL_PATH = '/core/v1/connectors/slack/versions/9.1/call'
const SIGNED_IN = { 'x-user': 'alice' }
/** Bin processes at once: the machine has two cores, shared with other suites. */
const PROCESSES = 4

/** A mock that accepts `token` alone, failing the case's route as the case says. */
function upstreamFor(token: string, c: EchoCase): MockTray {
  const mock = createMockTray({ tokens: [token] })
  mock.fail({ ...c.fault, match: { route: c.route } })
  return mock
}

/** True when a capture shows the upstream's own words (its padding or its request id). */
function shows(captures: Captures, from: number): boolean {
  return captures.list
    .slice(from)
    .some((c) => /padding|Refused the token|was refused|req-\d|Bearer/.test(c.text))
}

/**
 * Runs every echo case with `token` through @traykit/core (every form of the error and the
 * hook events), @traykit/edge (the answer, what `onError` and `console` saw) and, for `cliCases`
 * of them, the `traykit` bin (stdout and stderr, with `--debug`, and with `--json`).
 */
export async function collectEscapedEchoOutputs(
  token: string,
  cliCases: (c: EchoCase) => boolean,
): Promise<EchoOutputs> {
  const outputs: EchoOutputs = {
    core: new Captures('core'),
    edge: new Captures('edge'),
    cli: new Captures('cli'),
    unexpected: [],
    unseen: [],
  }
  const cases = echoCases(token)

  for (const c of cases) {
    const mock = upstreamFor(token, c)
    const events: unknown[] = []
    const record = (kind: string) => (event: object) => events.push({ kind, ...event })
    const hooks: ClientHooks = {
      onRequest: record('request'),
      onResponse: record('response'),
      onRetry: record('retry'),
    }
    const client = createTrayClient({
      baseUrl: 'http://tray.test',
      token,
      fetch: mock.fetch,
      maxRetries: 0,
      cache: false,
      hooks,
    })
    const from = outputs.core.list.length
    try {
      await (c.route === 'call'
        ? client.callConnector('slack', '9.1', SEND)
        : client.listConnectors())
      outputs.unexpected.push(`core, ${c.what}: no error`)
    } catch (error) {
      outputs.core.addError(`core, ${c.what}`, error)
    }
    outputs.core.add(`core, ${c.what}: hook events`, JSON.stringify(events))
    if (!shows(outputs.core, from)) outputs.unseen.push(`core, ${c.what}`)
  }

  await withConsoleCaptured(outputs.edge, async () => {
    for (const c of cases) {
      const mock = upstreamFor(token, c)
      const what = `edge, ${c.what}`
      const app = createTrayHandler({
        token,
        authorize: (ctx) => ctx.req.header('x-user') === 'alice',
        allow: { slack: ['send_message'] },
        baseUrl: 'http://tray.test',
        fetch: mock.fetch,
        cache: false,
        maxRetries: 0,
        onError: (error) => outputs.edge.addError(`${what}: onError`, error),
      })
      const response =
        c.route === 'call'
          ? await app.request(CALL_PATH, {
              method: 'POST',
              headers: { ...SIGNED_IN, 'content-type': 'application/json' },
              body: JSON.stringify(SEND),
            })
          : await app.request('/core/v1/connectors', { headers: SIGNED_IN })
      if (response.status < 400 && c.fault.status !== 200) {
        outputs.unexpected.push(`${what}: ${response.status}`)
      }
      await outputs.edge.addResponse(what, response)
    }
  })

  const root = await mkdtemp(join(tmpdir(), 'traykit-echoes-'))
  try {
    const bin = await copyBuiltCli(join(root, 'bin'))
    const home = join(root, 'home')
    await mkdir(home)
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), TRAY_TOKEN: token }
    const slot = createSlots(PROCESSES)
    await Promise.all(
      cases.filter(cliCases).map((c, i) =>
        slot(async () => {
          const served = await listen(upstreamFor(token, c))
          try {
            const command =
              c.route === 'call'
                ? ['call', 'slack@9.1', 'send_message', '--set', 'channel=C1', '--set', 'text=hi']
                : ['connectors']
            for (const mode of ['--debug', '--json']) {
              const what = `cli ${i}, ${c.what} (traykit ${command.join(' ')} ${mode})`
              const run = await runBin(bin, [...command, '--api-url', served.url, mode], env)
              if (run.code === 0) outputs.unexpected.push(`${what}: exit 0`)
              outputs.cli.add(`${what}: stdout`, run.stdout)
              outputs.cli.add(`${what}: stderr`, run.stderr)
            }
          } finally {
            await served.close()
          }
        }),
      ),
    )
  } finally {
    await rm(root, { recursive: true, force: true })
  }
  return outputs
}
