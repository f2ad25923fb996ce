import { describe, expect, it } from 'vitest'
import { scriptedFetch } from '../client/__fixtures__/scripted-fetch'
import { createMemoryStore } from '../client/cache-store'
import { createMemoryLimiter } from '../client/rate-limiter'
import { TrayError } from '../errors/tray-error'
import type { Limiter } from '../limiter/limiter'
import { createClientPool } from './create-client-pool'

/** A caller's context of any shape: here, an MCP session that knows its user's token. */
interface Session {
  user: string
  token: string
  limiter?: Limiter
}

const ADA: Session = { user: 'ada', token: 'user-token-ada-0123456789' }
const BOB: Session = { user: 'bob', token: 'user-token-bob-0123456789' }
const CONNECTORS = { status: 200, body: { elements: [] } }

describe('createClientPool', () => {
  it("gives each caller a client on its own token, read from the caller's own context", async () => {
    const { fetch, requests } = scriptedFetch(CONNECTORS)
    const pool = createClientPool<Session>({
      token: (session) => session.token,
      baseUrl: 'http://tray.test',
      fetch,
    })
    await (await pool.clientFor(ADA)).client.listConnectors()
    await (await pool.clientFor(BOB)).client.listConnectors()
    expect(requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${ADA.token}`,
      `Bearer ${BOB.token}`,
    ])
  })

  it('keeps one client per token, so its cache and limiter carry over between requests', async () => {
    const { fetch, requests } = scriptedFetch(CONNECTORS)
    const pool = createClientPool<Session>({
      token: async (session) => session.token,
      baseUrl: 'http://tray.test',
      fetch,
    })
    const first = await pool.clientFor(ADA)
    const again = await pool.clientFor({ ...ADA })
    expect(again.client).toBe(first.client)
    await first.client.listConnectors()
    await again.client.listConnectors()
    // The second read is the shared catalog cache's.
    expect(requests).toHaveLength(1)
    expect((await pool.clientFor(BOB)).client).not.toBe(first.client)
  })

  it('shares one catalog store, scoped by token, so a user never reads another’s entries', async () => {
    const store = createMemoryStore()
    const { fetch, requests } = scriptedFetch(CONNECTORS)
    const pool = createClientPool<Session>({
      token: (session) => session.token,
      baseUrl: 'http://tray.test',
      fetch,
      cache: { store },
    })
    await (await pool.clientFor(ADA)).client.listConnectors()
    await (await pool.clientFor(BOB)).client.listConnectors()
    expect(requests).toHaveLength(2)
  })

  it("hands out the redactor of the caller's token", async () => {
    const pool = createClientPool<Session>({ token: (session) => session.token })
    const { redact } = await pool.clientFor(ADA)
    expect(redact.text(`echo ${ADA.token}`)).toBe('echo [redacted]')
    expect(redact.json(JSON.stringify({ message: ADA.token }))).toBe('{"message":"[redacted]"}')
    expect(redact.text(`echo ${BOB.token}`)).toBe(`echo ${BOB.token}`)
  })

  it('refuses a token function that gives no token, naming its owner', async () => {
    const pool = createClientPool<Session>({ token: () => '', name: 'createTrayMcpHandler' })
    const error = await pool.clientFor(ADA).catch((e) => e)
    expect(error).toBeInstanceOf(TrayError)
    expect(error.message).toBe('createTrayMcpHandler: the token function returned no token')
  })

  it('checks a fixed token at once, without quoting it', () => {
    const token = 'tray master 7Hq2ZkP9xLw4'
    const create = () => createClientPool<Session>({ token })
    expect(create).toThrow(TrayError)
    expect(create).toThrow(/token must be a non-empty string/)
  })

  it('uses the limiter of the caller’s context, and makes a client again only for another one', async () => {
    const { fetch } = scriptedFetch(CONNECTORS)
    const one = createMemoryLimiter()
    const other = createMemoryLimiter()
    const asked: string[] = []
    const pool = createClientPool<Session>({
      token: 'tray-master-7Hq2ZkP9xLw4',
      baseUrl: 'http://tray.test',
      fetch,
      limiter: (session) => {
        asked.push(session.user)
        return session.limiter ?? one
      },
    })
    const a = await pool.clientFor(ADA)
    const b = await pool.clientFor(BOB)
    expect(b.client).toBe(a.client)
    const c = await pool.clientFor({ ...BOB, limiter: other })
    expect(c.client).not.toBe(a.client)
    expect(asked).toEqual(['ada', 'bob', 'bob'])
  })
})
