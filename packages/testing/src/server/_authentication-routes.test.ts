import { describe, expect, it } from 'vitest'
import { send } from '../__fixtures__/send'
import { createMockTray, type MockTray } from '../index'

const SLACK_ENV = '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1'
const UNKNOWN_ID = '5f0c6d1e-8a7b-4c3d-9e2f-1a0b9c8d7e6f'

async function create(mock: MockTray, body: unknown, token?: string): Promise<string> {
  const created = await send(mock, 'POST', '/core/v1/authentications', { body, token })
  expect(created.status).toBe(200)
  return (created.body as { id: string }).id
}

describe('authentications', () => {
  it('creates one with a UUID id and shows it without its secrets', async () => {
    const mock = createMockTray()
    const id = await create(mock, {
      name: "Ada's Slack",
      serviceEnvironmentId: SLACK_ENV,
      userData: { signing_secret: 'shh' },
      credentials: { access_token: 'xoxp-secret' },
      scopes: ['chat:write:bot'],
    })
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const read = await send(mock, 'GET', `/core/v1/authentications/${id}`)
    expect(read).toMatchObject({ status: 200 })
    expect(read.body).toEqual({
      id,
      name: "Ada's Slack",
      serviceEnvironmentId: SLACK_ENV,
      scopes: ['chat:write:bot'],
    })
    expect(mock.calls.map((c) => c.authId)).toEqual([id, id])
  })

  it('updates name and credentials with PUT', async () => {
    const mock = createMockTray()
    const id = await create(mock, { name: 'Old', serviceEnvironmentId: SLACK_ENV })
    const updated = await send(mock, 'PUT', `/core/v1/authentications/${id}`, {
      body: { name: 'New', credentials: { access_token: 'xoxp-2' } },
    })
    expect(updated).toMatchObject({
      status: 200,
      body: { id, name: 'New', serviceEnvironmentId: SLACK_ENV },
    })
    const missing = await send(mock, 'PUT', `/core/v1/authentications/${id}`, {
      body: { name: 'New' },
    })
    expect(missing).toMatchObject({
      status: 400,
      body: { message: "Invalid value for: body (Missing required field at 'credentials')" },
    })
  })

  it('deletes one with 204 and no body, after which it is gone', async () => {
    const mock = createMockTray()
    const id = await create(mock, { name: 'Temp', serviceEnvironmentId: SLACK_ENV })
    const deleted = await send(mock, 'DELETE', `/core/v1/authentications/${id}`)
    expect(deleted).toMatchObject({ status: 204, text: '' })
    expect((await send(mock, 'GET', `/core/v1/authentications/${id}`)).status).toBe(404)
    expect((await send(mock, 'DELETE', `/core/v1/authentications/${id}`)).status).toBe(404)
  })

  it('refuses a body without a name, and an environment the catalog lacks', async () => {
    const mock = createMockTray()
    const noName = await send(mock, 'POST', '/core/v1/authentications', {
      body: { serviceEnvironmentId: SLACK_ENV },
    })
    expect(noName).toMatchObject({
      status: 400,
      body: { message: "Invalid value for: body (Missing required field at 'name')" },
    })
    const unknownEnv = await send(mock, 'POST', '/core/v1/authentications', {
      body: { name: 'X', serviceEnvironmentId: UNKNOWN_ID },
    })
    expect(unknownEnv).toMatchObject({
      status: 404,
      body: { message: `Service environment not found: ${UNKNOWN_ID}` },
    })
  })

  it('answers 400 for an id that is not a UUID, 404 for an unknown one', async () => {
    const mock = createMockTray()
    expect(await send(mock, 'GET', '/core/v1/authentications/abc')).toMatchObject({
      status: 400,
      body: {
        message:
          "Invalid value for: path parameter authentication-id (Couldn't decode a valid UUID)",
      },
    })
    expect(await send(mock, 'GET', `/core/v1/authentications/${UNKNOWN_ID}`)).toMatchObject({
      status: 404,
      body: { message: `Authentication not found: ${UNKNOWN_ID}` },
    })
  })

  it('belong to the token that created them', async () => {
    const mock = createMockTray()
    const id = await create(mock, { name: 'Mine', serviceEnvironmentId: SLACK_ENV }, 'user-a')
    expect(
      (await send(mock, 'GET', `/core/v1/authentications/${id}`, { token: 'user-a' })).status,
    ).toBe(200)
    expect(
      (await send(mock, 'GET', `/core/v1/authentications/${id}`, { token: 'user-b' })).status,
    ).toBe(404)
    expect(
      (await send(mock, 'DELETE', `/core/v1/authentications/${id}`, { token: 'user-b' })).status,
    ).toBe(404)
  })
})
