import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createTrayClient } from '@traykit/core'
import { createTrayUsers, type TrayUsers } from '@traykit/core/users'
import { createTrayHandler } from '@traykit/edge'
import { createMockTray, type MockTray } from '@traykit/testing'
import { type ListeningMockTray, listen } from '@traykit/testing/node'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Captures } from './__fixtures__/capture'
import { copyBuiltCli, runBin } from './__fixtures__/cli-bin'
import { findLeaks } from './__fixtures__/secret-token'

// End users over HTTP: an edge handler whose token is each caller's own user token, in front of
// the mock, which scopes authentications to user tokens as Tray does. Two users call through
// it; neither ever receives or uses the other's token or authentications. Then every output of
// the end-user code paths (edge answers, errors, the CLI) is scanned for the master token and
// every user token.

const MASTER = 'tray_MASTER_5e1d0c9b_SECRET'
const DAY = 24 * 60 * 60_000
type Env = { Variables: { user: string } }

let mock: MockTray
let upstream: ListeningMockTray
let users: TrayUsers
let edge: { url: string; close(): Promise<void> }
const captures = new Captures('edge')
/** Every user token Tray issued during the test, to scan for. */
const issued = new Set<string>()

beforeAll(async () => {
  mock = createMockTray({ tokens: [MASTER] })
  upstream = await listen(mock)
  users = createTrayUsers({ masterToken: MASTER, baseUrl: upstream.url })
  // The connector answers who called it: the user whose token the call came with.
  mock.handle('slack', 'send_message', async (input, context) => {
    const token = context.request.headers.get('authorization')?.slice('Bearer '.length) ?? ''
    issued.add(token)
    const caller = (
      await Promise.all(['alice', 'bob'].map(async (id) => [id, await users.token(id)]))
    ).find(([, t]) => t === token)?.[0]
    return { ok: true, caller: caller ?? 'someone else', channel: String(input.channel) }
  })
  const handler = createTrayHandler<Env>({
    // The app's sign-in; here a header, so the test can be either user.
    authorize: (c) => {
      const user = c.req.header('x-user')
      if (user !== 'alice' && user !== 'bob') return false
      c.set('user', user)
      return true
    },
    token: (c) => users.token(c.get('user')),
    fetch: users.refreshOn401(),
    baseUrl: upstream.url,
    allow: { slack: ['send_message'] },
    cache: false,
    onError: (error) => captures.addError('onError', error),
  })
  const app = new Hono().route('/tray', handler)
  edge = await new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, hostname: '127.0.0.1', port: 0 },
      (info: AddressInfo) =>
        resolve({
          url: `http://127.0.0.1:${info.port}/tray`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        }),
    )
  })
  await users.ensure({ externalUserId: 'alice', name: 'Alice' })
  await users.ensure({ externalUserId: 'bob', name: 'Bob' })
})

afterAll(async () => {
  await edge?.close()
  await upstream?.close()
})

const authorizeCount = () => mock.calls.filter((c) => c.operation === 'authorize').length

async function call(user: string, input: Record<string, unknown>, authId?: string) {
  const response = await fetch(`${edge.url}/core/v1/connectors/slack/versions/9.1/call`, {
    method: 'POST',
    headers: { 'x-user': user, 'content-type': 'application/json' },
    body: JSON.stringify({ operation: 'send_message', input, ...(authId ? { authId } : {}) }),
  })
  await captures.addResponse(`${user} call`, response.clone())
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('end users through the edge, over HTTP', () => {
  it('each caller acts as itself, even when their requests interleave', async () => {
    const who = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'bob' : 'alice'))
    const answers = await Promise.all(
      who.map((user, i) => call(user, { channel: `C${i}`, text: 'hi' })),
    )
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(200)
      expect(answer.body).toMatchObject({
        outcome: 'success',
        output: { caller: who[i], channel: `C${i}` },
      })
    })
    // One token per user, each got once.
    expect(authorizeCount()).toBe(2)
  })

  it('a user cannot call with, read or delete another user’s authentication', async () => {
    const [environment] = await createTrayClient({
      baseUrl: upstream.url,
      token: MASTER,
    }).listServiceEnvironments('slack', 4)
    const alice = createTrayClient({ baseUrl: upstream.url, token: await users.token('alice') })
    const { id } = await alice.createAuthentication({
      name: 'Alice’s Slack',
      serviceEnvironmentId: environment?.id ?? '',
      credentials: { token: 'xoxb-alice' },
    })
    const tasks = mock.tasks
    const refused = await call('bob', { channel: 'C1', text: 'hi' }, id)
    expect(refused.status).toBe(404)
    expect(mock.tasks).toBe(tasks)
    const bob = createTrayClient({ baseUrl: upstream.url, token: await users.token('bob') })
    await expect(bob.getAuthentication(id)).rejects.toMatchObject({ status: 404 })
    await expect(bob.deleteAuthentication(id)).rejects.toMatchObject({ status: 404 })
    const allowed = await call('alice', { channel: 'C1', text: 'hi' }, id)
    expect(allowed).toMatchObject({ status: 200, body: { output: { caller: 'alice' } } })
    expect(mock.tasks).toBe(tasks + 1)
  })

  it('an expired user token is refreshed once per user when Tray answers 401', async () => {
    const before = authorizeCount()
    const stale = [await users.token('alice'), await users.token('bob')]
    // Tray's clock moves past the tokens' two days; the cache's does not know yet.
    mock.clock.advance(2 * DAY + 1)
    const who = Array.from({ length: 12 }, (_, i) => (i % 2 ? 'bob' : 'alice'))
    const answers = await Promise.all(who.map((user) => call(user, { channel: 'C2', text: 'hi' })))
    expect(answers.map((answer) => (answer.body.output as { caller: string }).caller)).toEqual(who)
    expect(authorizeCount() - before).toBe(2)
    expect(await users.token('alice')).not.toBe(stale[0])
  })
})

describe('no master or user token in any output', () => {
  it('GraphQL errors that echo both tokens', async () => {
    const userToken = await users.token('alice')
    mock.fail({
      status: 200,
      body: {
        errors: [{ message: `echo Bearer ${MASTER} and ${userToken}`, path: ['users', userToken] }],
      },
      match: { route: 'graphql' },
      times: 2,
    })
    captures.addError(
      'find with an echoing error',
      await users.find('alice').catch((e: unknown) => e),
    )
    captures.addError(
      'ensure with an echoing error',
      await users.ensure({ externalUserId: 'carol', name: 'C' }).catch((e: unknown) => e),
    )
    mock.fail({
      status: 500,
      body: `<pre>Authorization: Bearer ${MASTER}</pre>`,
      match: { route: 'graphql' },
      times: 3,
    })
    captures.addError(
      'a 500 page echoing the master token',
      await users.find('alice').catch((e: unknown) => e),
    )
    // A token function that fails: the edge answers, onError sees it.
    mock.fail({
      status: 200,
      body: { errors: [{ message: `no: ${MASTER}` }] },
      match: { route: 'graphql', operation: 'authorize' },
      times: 1,
    })
    await users.invalidate('bob')
    const failed = await call('bob', { channel: 'C3', text: 'hi' })
    expect(failed.status).toBeGreaterThanOrEqual(500)
  })

  it('the CLI, for people and for scripts, with and without errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'traykit-users-'))
    try {
      const bin = await copyBuiltCli(join(dir, 'bin'))
      const env = {
        HOME: dir,
        XDG_CONFIG_HOME: join(dir, '.config'),
        TRAY_TOKEN: MASTER,
        TRAY_API_URL: upstream.url,
      }
      const cli = new Captures('cli')
      const runs: Array<[string[], number]> = [
        [['users', 'list', '--debug'], 0],
        [['users', 'create', 'dave', '--name', 'Dave', '--debug'], 0],
        [['users', 'token', 'alice', '--debug'], 0],
        [['users', 'token', 'alice', '--json'], 0],
        [['users', 'token', 'nobody', '--debug'], 1],
      ]
      for (const [args, code] of runs) {
        const run = await runBin(bin, args, env)
        expect({ args, code: run.code }).toEqual({ args, code })
        cli.add(`${args.join(' ')}: stdout`, run.stdout)
        cli.add(`${args.join(' ')}: stderr`, run.stderr)
      }
      mock.fail({ status: 500, body: `Bearer ${MASTER}`, match: { route: 'graphql' }, times: 3 })
      const failing = await runBin(bin, ['users', 'list', '--debug'], env)
      expect(failing.code).toBe(1)
      cli.add('a failing list: stderr', failing.stderr)
      captures.list.push(...cli.list)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('none of them holds a form of any token', async () => {
    issued.add(await users.token('alice'))
    issued.add(await users.token('bob'))
    expect(captures.list.length).toBeGreaterThan(40)
    for (const token of [MASTER, ...issued]) {
      const leaks = findLeaks(captures.list, token)
      expect(leaks.map((leak) => `${leak.what}: ${leak.form} in "${leak.context}"`)).toEqual([])
    }
  })
})
