import { createTrayClient, TrayNotFoundError } from '@traykit/core'
import { createTrayUsers, TrayGraphQLError } from '@traykit/core/users'
import { describe, expect, it } from 'vitest'
import { createMockTray } from './create-mock-tray'

const MASTER = 'master-token-of-the-account'

function setup() {
  const mock = createMockTray({ tokens: [MASTER] })
  const users = createTrayUsers({
    masterToken: MASTER,
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    now: mock.clock.now,
  })
  const clientOf = (token: string) =>
    createTrayClient({ baseUrl: 'http://tray.test', fetch: mock.fetch, token, cache: false })
  const graphql = async (token: string, query: string, variables: object = {}) => {
    const response = await mock.fetch('http://tray.test/graphql', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  return { mock, users, clientOf, graphql }
}

async function environmentId(mock: ReturnType<typeof createMockTray>): Promise<string> {
  const tray = createTrayClient({ baseUrl: 'http://tray.test', fetch: mock.fetch, token: MASTER })
  const [environment] = await tray.listServiceEnvironments('slack', 4)
  if (!environment) throw new Error('the default catalog has a slack environment')
  return environment.id
}

describe('the mock’s end-user GraphQL API', () => {
  it('creates, finds, lists, authorizes and removes users', async () => {
    const { users, mock } = setup()
    const alice = await users.ensure({ externalUserId: 'alice', name: 'Alice' })
    const bob = await users.ensure({ externalUserId: 'bob', name: 'Bob', isTestUser: true })
    expect(await users.ensure({ externalUserId: 'alice', name: 'Alice' })).toEqual(alice)
    expect(await users.find('bob')).toEqual({ ...bob, isTestUser: true })
    const listed = []
    for await (const user of users.list()) listed.push(user.externalUserId)
    expect(listed).toEqual(['alice', 'bob'])
    const tests = []
    for await (const user of users.list({ isTestUser: true })) tests.push(user.externalUserId)
    expect(tests).toEqual(['bob'])
    const token = await users.token('alice')
    expect(token).toMatch(/^mock-user-[0-9a-f]{48}$/)
    expect(await users.remove('alice')).toBe(true)
    expect(await users.remove('alice')).toBe(false)
    expect(await users.find('alice')).toBeUndefined()
    expect(mock.calls.every((c) => c.route === 'graphql' && c.status === 200)).toBe(true)
  })

  it('pages users in Relay pages of 10', async () => {
    const { users } = setup()
    for (let i = 0; i < 23; i++) await users.ensure({ externalUserId: `u${i}`, name: `User ${i}` })
    const all = []
    for await (const user of users.list()) all.push(user.externalUserId)
    expect(all).toEqual(Array.from({ length: 23 }, (_, i) => `u${i}`))
  })

  it('a second create of the same externalUserId answers 200 with errors at its path', async () => {
    const { graphql } = setup()
    const create = `mutation { createExternalUser(input: { name: "A", externalUserId: "a" }) { userId } }`
    expect((await graphql(MASTER, create)).body).toMatchObject({
      data: { createExternalUser: { userId: expect.any(String) } },
    })
    expect(await graphql(MASTER, create)).toEqual({
      status: 200,
      body: {
        data: { createExternalUser: null },
        errors: [
          {
            message: 'A user with externalUserId "a" already exists',
            path: ['createExternalUser'],
          },
        ],
      },
    })
  })

  it('checks a document before running it: an unknown field creates nothing', async () => {
    const { graphql, users } = setup()
    const answer = await graphql(
      MASTER,
      'mutation($input: CreateExternalUserInput!) { createExternalUser(input: $input) { userId secret } }',
      { input: { name: 'A', externalUserId: 'a' } },
    )
    expect(answer.body).toEqual({
      errors: [{ message: 'Cannot query field "secret" on type "CreateExternalUserPayload".' }],
    })
    expect(await users.find('a')).toBeUndefined()
    expect((await graphql(MASTER, '{ users { edges } }')).body.errors).toBeDefined()
    expect((await graphql(MASTER, 'query { users(')).body).toMatchObject({
      errors: [{ message: expect.stringMatching(/Syntax Error/) }],
    })
  })

  it('answers 401 without a known token, and only viewer to a user token', async () => {
    const { graphql, users } = setup()
    expect(
      (await graphql('wrong-token', '{ viewer { authentications { edges { node { id } } } } }'))
        .status,
    ).toBe(401)
    await users.ensure({ externalUserId: 'alice', name: 'Alice' })
    const token = await users.token('alice')
    const answer = await graphql(token, '{ users { edges { node { id } } } }')
    expect(answer.body).toMatchObject({ data: { users: null }, errors: [{ path: ['users'] }] })
  })

  it('user tokens expire two days after authorize, on the clock the test moves', async () => {
    const { users, mock, clientOf } = setup()
    await users.ensure({ externalUserId: 'alice', name: 'Alice' })
    const token = await users.token('alice')
    const tray = clientOf(token)
    await tray.listConnectors()
    mock.clock.advance(2 * 24 * 60 * 60_000 - 60_000)
    await tray.listConnectors()
    mock.clock.advance(60_000)
    await expect(tray.listConnectors()).rejects.toMatchObject({ status: 401 })
    // The cache knew: it asks for a new token before the old one ran out.
    const fresh = await users.token('alice')
    expect(fresh).not.toBe(token)
    await clientOf(fresh).listConnectors()
    expect(() => mock.clock.advance(-1)).toThrow(RangeError)
    mock.reset()
    expect(Math.abs(mock.clock.now() - Date.now())).toBeLessThan(60_000)
  })

  it('scopes authentications to the user: another user’s authId is unknown to a user token', async () => {
    const { users, mock, clientOf, graphql } = setup()
    const envId = await environmentId(mock)
    await users.ensure({ externalUserId: 'alice', name: 'Alice' })
    await users.ensure({ externalUserId: 'bob', name: 'Bob' })
    const alice = clientOf(await users.token('alice'))
    const bob = clientOf(await users.token('bob'))
    const { id } = await alice.createAuthentication({
      name: 'Alice’s Slack',
      serviceEnvironmentId: envId,
      credentials: { token: 'x' },
    })
    expect((await alice.getAuthentication(id)).id).toBe(id)
    await expect(bob.getAuthentication(id)).rejects.toBeInstanceOf(TrayNotFoundError)
    await expect(bob.deleteAuthentication(id)).rejects.toBeInstanceOf(TrayNotFoundError)
    await expect(
      bob.callConnector('slack', '9.1', {
        operation: 'send_message',
        input: { channel: 'C1', text: 'hi' },
        authId: id,
      }),
    ).rejects.toBeInstanceOf(TrayNotFoundError)
    expect(mock.tasks).toBe(0)
    await alice.callConnector('slack', '9.1', {
      operation: 'send_message',
      input: { channel: 'C1', text: 'hi' },
      authId: id,
    })
    expect(mock.tasks).toBe(1)
    // The master token sees all of its account's; a new token of Alice's still owns hers.
    expect((await clientOf(MASTER).getAuthentication(id)).id).toBe(id)
    const again = clientOf(await users.token('alice', { refresh: true }))
    expect((await again.getAuthentication(id)).id).toBe(id)

    const viewer =
      '{ viewer { authentications { edges { node { id name service { name version } } } } } }'
    const ids = async (token: string) =>
      (
        (await graphql(token, viewer)).body as {
          data: { viewer: { authentications: { edges: Array<{ node: { id: string } }> } } }
        }
      ).data.viewer.authentications.edges.map((e) => e.node.id)
    expect(await ids(await users.token('alice'))).toEqual([id])
    expect(await ids(await users.token('bob'))).toEqual([])
    expect(await ids(MASTER)).toEqual([id])
    // Removing Alice removes her authentications and her tokens.
    const aliceToken = await users.token('alice')
    await users.remove('alice')
    await expect(clientOf(MASTER).getAuthentication(id)).rejects.toBeInstanceOf(TrayNotFoundError)
    await expect(clientOf(aliceToken).listConnectors()).rejects.toMatchObject({ status: 401 })
  })

  it('another account’s master token sees none of these users', async () => {
    const mock = createMockTray()
    const of = (masterToken: string) =>
      createTrayUsers({ masterToken, baseUrl: 'http://tray.test', fetch: mock.fetch })
    await of('account-one-master-token').ensure({ externalUserId: 'alice', name: 'Alice' })
    expect(await of('account-two-master-token').find('alice')).toBeUndefined()
    await expect(of('account-two-master-token').token('alice')).rejects.toBeInstanceOf(
      TrayNotFoundError,
    )
  })

  it('a user removed behind the cache’s back fails as a GraphQL error', async () => {
    const { users, graphql } = setup()
    const { userId } = await users.ensure({ externalUserId: 'alice', name: 'Alice' })
    await graphql(
      MASTER,
      'mutation($u: ID!) { removeExternalUser(input: { userId: $u }) { clientMutationId } }',
      { u: userId },
    )
    await expect(users.token('alice')).rejects.toBeInstanceOf(TrayGraphQLError)
  })
})
