import { describe, expect, it } from 'vitest'
import {
  TrayAuthenticationError,
  TrayNotFoundError,
  TrayPermissionError,
  TrayServerError,
} from '../errors/tray-api-error'
import { TrayError } from '../errors/tray-error'
import { TrayResponseError } from '../errors/tray-transport-errors'
import { createTrayUsers } from './create-tray-users'
import { TrayGraphQLError } from './tray-graphql-error'

const MASTER = 'master-0123456789abcdef-token'
const USER_TOKEN = 'user-token-fedcba9876543210'

interface Seen {
  url: string
  authorization: string | null
  field: string
  variables: Record<string, unknown>
}

type Answer = { status?: number; body: unknown; headers?: Record<string, string> } | 'stall'

/** A stand-in for Tray's GraphQL API: `answer` sees each request's root field and variables. */
function fakeTray(answer: (seen: Seen, n: number) => Answer) {
  const seen: Seen[] = []
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const body = JSON.parse(String(init.body)) as {
      query: string
      variables: Record<string, unknown>
    }
    const field = /\{\s*(\w+)/.exec(body.query)?.[1] ?? ''
    const request: Seen = {
      url: String(input),
      authorization: new Headers(init.headers).get('authorization'),
      field,
      variables: body.variables,
    }
    seen.push(request)
    const a = answer(request, seen.filter((s) => s.field === field).length)
    if (a === 'stall') return new Promise<Response>(() => {})
    return new Response(JSON.stringify(a.body), { status: a.status ?? 200, headers: a.headers })
  }
  return { fetch, seen, count: (field: string) => seen.filter((s) => s.field === field).length }
}

const page = (
  nodes: unknown[],
  pageInfo = { hasNextPage: false, endCursor: null as string | null },
) => ({
  body: { data: { users: { edges: nodes.map((node) => ({ node })), pageInfo } } },
})
const alice = { id: 'u-alice', name: 'Alice', externalUserId: 'alice', isTestUser: false }

function users(fetch: typeof globalThis.fetch, extra: Record<string, unknown> = {}) {
  return createTrayUsers({ masterToken: MASTER, baseUrl: 'http://tray.test', fetch, ...extra })
}

describe('createTrayUsers options', () => {
  it('refuses an unknown option with a did-you-mean', () => {
    expect(() => createTrayUsers({ masterToken: MASTER, refreshBefore: 1 } as never)).toThrow(
      /unknown option "refreshBefore" \(did you mean "refreshBeforeMs"\?\)/,
    )
  })
  it('fails fast without a master token, never echoing one', () => {
    expect(() => createTrayUsers({} as never)).toThrow(/masterToken is required/)
    expect(() => createTrayUsers({ masterToken: undefined } as never)).toThrow(TrayError)
    const error = (() => {
      try {
        createTrayUsers({ masterToken: `${MASTER} x` })
      } catch (e) {
        return e as Error
      }
    })()
    expect(error?.message).toMatch(/without spaces/)
    expect(error?.message).not.toContain(MASTER)
  })
  it('refuses a region Tray does not have and a refresh margin longer than a token lives', () => {
    expect(() => createTrayUsers({ masterToken: MASTER, region: 'mars' as never })).toThrow(
      /region must be one of us, eu1, ap1/,
    )
    expect(() => createTrayUsers({ masterToken: MASTER, refreshBeforeMs: 3 * 86_400_000 })).toThrow(
      /refreshBeforeMs/,
    )
  })
  it('talks to the region’s GraphQL host, or <baseUrl>/graphql, with the master token', async () => {
    const tray = fakeTray(() => page([]))
    await createTrayUsers({ masterToken: MASTER, region: 'eu1', fetch: tray.fetch }).find('x')
    await createTrayUsers({ masterToken: MASTER, fetch: tray.fetch }).find('x')
    await users(tray.fetch, { baseUrl: 'http://mock.test/prefix/' }).find('x')
    expect(tray.seen.map((s) => s.url)).toEqual([
      'https://eu1.tray.io/graphql',
      'https://tray.io/graphql',
      'http://mock.test/prefix/graphql',
    ])
    expect(tray.seen.every((s) => s.authorization === `Bearer ${MASTER}`)).toBe(true)
  })
})

describe('errors', () => {
  it('a 200 with errors is a TrayGraphQLError with Tray’s messages and paths', async () => {
    const tray = fakeTray(() => ({
      body: { data: { users: null }, errors: [{ message: 'Something broke', path: ['users'] }] },
    }))
    const error = await users(tray.fetch)
      .find('alice')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayGraphQLError)
    expect(error).toBeInstanceOf(TrayError)
    expect(error).toMatchObject({
      operation: 'users',
      errors: [{ message: 'Something broke', path: ['users'] }],
      message: "Tray's GraphQL API refused users: Something broke",
    })
  })
  it('401 and 403 are core’s authentication and permission errors', async () => {
    const refused = fakeTray(() => ({
      status: 401,
      body: { message: 'The request is unauthorized' },
    }))
    await expect(users(refused.fetch).find('a')).rejects.toBeInstanceOf(TrayAuthenticationError)
    const forbidden = fakeTray(() => ({ status: 403, body: { message: 'Forbidden' } }))
    await expect(users(forbidden.fetch).find('a')).rejects.toBeInstanceOf(TrayPermissionError)
  })
  it('an answer of another shape names the path, never a value', async () => {
    const tray = fakeTray(() => ({ body: { data: { users: { edges: USER_TOKEN } } } }))
    const error = (await users(tray.fetch)
      .find('a')
      .catch((e: unknown) => e)) as TrayResponseError
    expect(error).toBeInstanceOf(TrayResponseError)
    expect(error.message).toMatch(/at data\.users\.edges/)
    expect(error.message).not.toContain(USER_TOKEN)
  })
  it('neither the master token nor a new user token appears in any error', async () => {
    const echo = `Bearer ${MASTER} got ${USER_TOKEN}; escaped ${JSON.stringify(MASTER).slice(1, 20)}`
    const tray = fakeTray((seen) =>
      seen.field === 'users'
        ? page([alice])
        : {
            body: {
              data: { authorize: { accessToken: USER_TOKEN } },
              errors: [{ message: echo, path: ['authorize', USER_TOKEN] }],
            },
          },
    )
    const error = await users(tray.fetch)
      .token('alice')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayGraphQLError)
    for (const form of [String(error), JSON.stringify(error), (error as Error).stack ?? '']) {
      expect(form).not.toContain(MASTER)
      expect(form).not.toContain(USER_TOKEN)
      expect(form).not.toContain(MASTER.slice(0, 12))
    }
  })
})

describe('the retry rule', () => {
  it('retries a query after a 5xx', async () => {
    const tray = fakeTray((_, n) =>
      n === 1 ? { status: 502, body: { message: 'bad gateway' } } : page([alice]),
    )
    expect(await users(tray.fetch, { maxRetries: 1 }).find('alice')).toMatchObject({
      userId: 'u-alice',
    })
    expect(tray.count('users')).toBe(2)
  })
  it('never sends a mutation again after a 5xx or a timeout: it may have run', async () => {
    const failing = fakeTray((seen) =>
      seen.field === 'users' ? page([alice]) : { status: 500, body: { message: 'boom' } },
    )
    await expect(users(failing.fetch, { maxRetries: 2 }).token('alice')).rejects.toBeInstanceOf(
      TrayServerError,
    )
    expect(failing.count('authorize')).toBe(1)
    const stalling = fakeTray((seen) => (seen.field === 'users' ? page([alice]) : 'stall'))
    await expect(
      users(stalling.fetch, { maxRetries: 2, timeout: 50 }).token('alice'),
    ).rejects.toThrow(/did not answer/)
    expect(stalling.count('authorize')).toBe(1)
  })
  it('sends a mutation again after a 429: Tray refused it before running it', async () => {
    const tray = fakeTray((seen, n) =>
      seen.field === 'users'
        ? page([alice])
        : n === 1
          ? { status: 429, body: { message: 'Limit exceeded' }, headers: { 'retry-after': '0' } }
          : { body: { data: { authorize: { accessToken: USER_TOKEN } } } },
    )
    expect(await users(tray.fetch, { maxRetries: 1 }).token('alice')).toBe(USER_TOKEN)
    expect(tray.count('authorize')).toBe(2)
  })
})

describe('ensure', () => {
  it('finds first, and creates only a user that is not there', async () => {
    const tray = fakeTray((seen) =>
      seen.field === 'users'
        ? page([alice])
        : { body: { data: { createExternalUser: { userId: 'new' } } } },
    )
    expect(
      await users(tray.fetch).ensure({ externalUserId: 'alice', name: 'Alice' }),
    ).toMatchObject({ userId: 'u-alice' })
    expect(tray.count('createExternalUser')).toBe(0)
  })
  it('creates with the given fields', async () => {
    const tray = fakeTray((seen) =>
      seen.field === 'users'
        ? page([])
        : { body: { data: { createExternalUser: { userId: 'u-bob' } } } },
    )
    const bob = await users(tray.fetch).ensure({
      externalUserId: 'bob',
      name: 'Bob',
      isTestUser: true,
    })
    expect(bob).toEqual({ userId: 'u-bob', name: 'Bob', externalUserId: 'bob', isTestUser: true })
    expect(tray.seen.at(-1)?.variables).toEqual({
      input: { externalUserId: 'bob', name: 'Bob', isTestUser: true },
    })
  })
  it('a create that lost a race ("already exists") resolves by finding again', async () => {
    const tray = fakeTray((seen, n) =>
      seen.field === 'users'
        ? page(n === 1 ? [] : [alice])
        : { body: { data: { createExternalUser: null }, errors: [{ message: 'already exists' }] } },
    )
    expect(
      await users(tray.fetch).ensure({ externalUserId: 'alice', name: 'Alice' }),
    ).toMatchObject({ userId: 'u-alice' })
    expect(tray.count('createExternalUser')).toBe(1)
  })
  it('a create whose answer was lost is looked up again, never sent twice', async () => {
    const tray = fakeTray((seen, n) =>
      seen.field === 'users' ? page(n === 1 ? [] : [alice]) : 'stall',
    )
    const found = await users(tray.fetch, { timeout: 50, maxRetries: 3 }).ensure({
      externalUserId: 'alice',
      name: 'Alice',
    })
    expect(found.userId).toBe('u-alice')
    expect(tray.count('createExternalUser')).toBe(1)
  })
  it('only an exact externalUserId match is a find', async () => {
    const tray = fakeTray(() => page([{ ...alice, externalUserId: 'ALICE' }]))
    expect(await users(tray.fetch).find('alice')).toBeUndefined()
  })
})

describe('list', () => {
  it('walks the Relay pages with the end cursor', async () => {
    const tray = fakeTray((seen) =>
      seen.variables.after === undefined
        ? page([alice], { hasNextPage: true, endCursor: 'c1' })
        : page([{ ...alice, id: 'u-bob', externalUserId: 'bob' }]),
    )
    const all = []
    for await (const user of users(tray.fetch).list({ isTestUser: false })) all.push(user.userId)
    expect(all).toEqual(['u-alice', 'u-bob'])
    expect(tray.seen.map((s) => s.variables)).toEqual([
      { criteria: { isTestUser: false } },
      { criteria: { isTestUser: false }, after: 'c1' },
    ])
  })
  it('stops on a next page without a new cursor', async () => {
    const tray = fakeTray(() => page([alice], { hasNextPage: true, endCursor: null }))
    const read = async () => {
      for await (const _ of users(tray.fetch).list()) {
        // reading
      }
    }
    await expect(read()).rejects.toBeInstanceOf(TrayResponseError)
  })
})

describe('token', () => {
  it('a user ensure has not created is a TrayNotFoundError that says so', async () => {
    const tray = fakeTray(() => page([]))
    const error = await users(tray.fetch)
      .token('ghost')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayNotFoundError)
    expect((error as Error).message).toMatch(/users\.ensure\(\)/)
  })
  it('refresh: true gets a new token even while the cached one is valid', async () => {
    let n = 0
    const tray = fakeTray((seen) =>
      seen.field === 'users'
        ? page([alice])
        : { body: { data: { authorize: { accessToken: `tok-${++n}-abcdefghijkl` } } } },
    )
    const u = users(tray.fetch)
    const first = await u.token('alice')
    expect(await u.token('alice')).toBe(first)
    expect(await u.token('alice', { refresh: true })).not.toBe(first)
  })
})

describe('refreshOn401', () => {
  function setup() {
    let n = 0
    const tray = fakeTray((seen) => {
      if (seen.field === 'users') {
        const id = (seen.variables.criteria as { externalUserId: string }).externalUserId
        return page([{ ...alice, id: `u-${id}`, externalUserId: id }])
      }
      return {
        body: {
          data: {
            authorize: {
              accessToken: `tok-${++n}-${String(seen.variables.input && (seen.variables.input as { userId: string }).userId)}`,
            },
          },
        },
      }
    })
    const u = users(tray.fetch)
    // The Connectors API: refuses every token but the latest one of each user.
    const sent: string[] = []
    const live = new Set<string>()
    const api = async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      const token = new Headers(init.headers).get('authorization')?.slice(7) ?? ''
      sent.push(token)
      return new Response(
        live.has(token) ? '{"ok":true}' : '{"message":"The request is unauthorized"}',
        {
          status: live.has(token) ? 200 : 401,
        },
      )
    }
    return { tray, u, api, sent, live }
  }

  it('gets the user a new token once and sends the request again with it', async () => {
    const { tray, u, api, sent, live } = setup()
    const stale = await u.token('alice')
    const fetch = u.refreshOn401(api)
    // Tray now knows only the next token of alice.
    live.add('tok-2-u-alice')
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch('http://tray.test/core/v1/connectors', {
          headers: { authorization: `Bearer ${stale}` },
        }),
      ),
    )
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(tray.count('authorize')).toBe(2)
    expect(sent.filter((t) => t !== stale)).toEqual(Array(5).fill('tok-2-u-alice'))
    expect(await u.token('alice')).toBe('tok-2-u-alice')
  })
  it('leaves a 401 alone for a token it did not hand out, and never uses another user’s', async () => {
    const { tray, u, api, sent, live } = setup()
    const bob = await u.token('bob')
    live.add(bob)
    const fetch = u.refreshOn401(api)
    const foreign = await fetch('http://tray.test/x', {
      headers: { authorization: 'Bearer someone-elses-token-123' },
    })
    expect(foreign.status).toBe(401)
    const alice = await u.token('alice')
    live.add('tok-3-u-alice')
    const answer = await fetch('http://tray.test/x', {
      method: 'POST',
      body: '{}',
      headers: { authorization: `Bearer ${alice}` },
    })
    expect(answer.status).toBe(200)
    expect(sent).not.toContain(bob)
    expect(tray.count('authorize')).toBe(3)
  })
})

describe('user tokens in later errors', () => {
  it('a user token handed out earlier is redacted from any later GraphQL error', async () => {
    const tray = fakeTray((seen, n) =>
      seen.field === 'authorize'
        ? { body: { data: { authorize: { accessToken: USER_TOKEN } } } }
        : n === 1
          ? page([alice])
          : {
              body: {
                errors: [{ message: `no user for ${USER_TOKEN}`, path: ['users', USER_TOKEN] }],
              },
            },
    )
    const u = users(tray.fetch)
    expect(await u.token('alice')).toBe(USER_TOKEN)
    const error = await u.find('alice').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayGraphQLError)
    for (const form of [String(error), JSON.stringify(error), (error as Error).stack ?? '']) {
      expect(form).not.toContain(USER_TOKEN.slice(0, 12))
    }
  })
})

describe('user tokens in transport errors', () => {
  it('a 500 page that echoes a user token handed out earlier is redacted', async () => {
    const tray = fakeTray((seen, n) =>
      seen.field === 'authorize'
        ? { body: { data: { authorize: { accessToken: USER_TOKEN } } } }
        : n === 1
          ? page([alice])
          : {
              status: 500,
              body: {
                message: `failed for Bearer ${USER_TOKEN}`,
                headers: { authorization: USER_TOKEN },
              },
            },
    )
    const u = users(tray.fetch, { maxRetries: 0 })
    await u.token('alice')
    const error = await u.find('alice').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayServerError)
    for (const form of [
      String(error),
      JSON.stringify(error),
      (error as Error).stack ?? '',
      JSON.stringify((error as TrayServerError).body),
    ]) {
      expect(form).not.toContain(USER_TOKEN.slice(0, 12))
    }
  })
})
