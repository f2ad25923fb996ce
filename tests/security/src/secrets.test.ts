import { beforeAll, describe, expect, it } from 'vitest'
import type { Captures } from './__fixtures__/capture'
import { type CliOutputs, collectCliOutputs } from './__fixtures__/collect-cli-outputs'
import { type CoreOutputs, collectCoreOutputs } from './__fixtures__/collect-core-outputs'
import { collectEdgeOutputs, type EdgeOutputs } from './__fixtures__/collect-edge-outputs'
import { collectMockOutputs, type MockOutputs } from './__fixtures__/collect-mock-outputs'
import { type Capture, findLeaks, type Source, TOKEN } from './__fixtures__/secret-token'

// One scan of every entry point of traykit, run with one recognisable token: the core client's
// errors and hooks, the `traykit` bin, the edge handler (in process and over HTTP) and the mock.
// Everything they print, return or log is collected, then searched for the token in any form.

const SOURCES: Source[] = ['core', 'cli', 'edge', 'mock']
const ERROR_CLASSES = [
  'TrayBadRequestError',
  'TrayAuthenticationError',
  'TrayPermissionError',
  'TrayNotFoundError',
  'TrayRateLimitError',
  'TrayServerError',
  'TrayConnectionError',
  'TrayTimeoutError',
  'TrayAbortError',
  'TrayResponseError',
  'TrayValidationError',
  'TrayConnectorError',
]

let core: CoreOutputs
let edge: EdgeOutputs
let cli: CliOutputs
let mock: MockOutputs
let outputs: Capture[]

beforeAll(async () => {
  core = await collectCoreOutputs()
  edge = await collectEdgeOutputs()
  cli = await collectCliOutputs()
  mock = await collectMockOutputs([core.upstream, ...edge.upstreams, ...cli.upstreams])
  const all: Captures[] = [
    core.captures,
    edge.captures,
    cli.captures,
    cli.mockCommand,
    mock.captures,
  ]
  outputs = all.flatMap((captures) => captures.list)
})

describe('the scan itself', () => {
  it('finds the token as is, encoded, and in part', () => {
    const planted = [
      `Authorization: Bearer ${TOKEN}`,
      `{"auth":"${TOKEN.toUpperCase()}"}`,
      Buffer.from(`Bearer ${TOKEN}`).toString('base64'),
      Buffer.from(`x:${TOKEN}`).toString('base64url'),
      `token=${encodeURIComponent(TOKEN)}`,
      `Echoed: ${TOKEN.slice(0, 15)}…`,
      `…${TOKEN.slice(12)}`,
      `\u001b[36m${TOKEN}\u001b[39m`,
    ].map((text, i): Capture => ({ source: 'core', what: `planted ${i}`, text }))
    expect(findLeaks(planted).map((leak) => leak.what)).toEqual(planted.map((p) => p.what))
  })

  it('lets the masked token of `auth status` through', () => {
    expect(
      findLeaks([{ source: 'cli', what: 'mask', text: 'Token:   tray…EN (from env)' }]),
    ).toEqual([])
  })
})

describe('every entry point ran, with the token', () => {
  it('each case ended the way it was meant to', () => {
    expect([...core.unexpected, ...edge.unexpected, ...cli.unexpected, ...mock.unexpected]).toEqual(
      [],
    )
  })

  it('core raised every error class', () => {
    expect([...core.classes]).toEqual(expect.arrayContaining(ERROR_CLASSES))
  })

  it('the token went upstream as the bearer token', () => {
    expect(core.authorizations).toContain(`Bearer ${TOKEN}`)
    expect(edge.authorizations).toContain(`Bearer ${TOKEN}`)
    // The CLI's mock accepts TOKEN alone: an answered call proves the bin sent it.
    const [cliTray] = cli.upstreams
    expect(cliTray?.calls.some((call) => call.route === 'call' && call.status === 200)).toBe(true)
  })

  it.each(SOURCES)('%s output was captured', (source) => {
    const texts = outputs.filter((o) => o.source === source).map((o) => o.text)
    expect(texts.length).toBeGreaterThan(10)
    expect(texts.join('').length).toBeGreaterThan(1000)
  })
})

describe('no form of the token in any output', () => {
  it.each(SOURCES)('%s', (source) => {
    const leaks = findLeaks(outputs.filter((o) => o.source === source))
    expect(leaks.map((leak) => `${leak.what}: ${leak.form} in "${leak.context}"`)).toEqual([])
  })

  it('the config file `auth login` wrote is the one file that holds it', () => {
    expect(cli.savedFiles).toEqual([{ path: '.config/traykit/config.json', holdsToken: true }])
  })
})
