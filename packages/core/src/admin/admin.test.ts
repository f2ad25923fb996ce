import { describe, expect, it } from 'vitest'
import {
  AUTH_ID,
  CONNECTORS,
  type Step,
  scriptedFetch,
  TOKEN,
} from '../client/__fixtures__/scripted-fetch'
import { createTrayClient } from '../client/create-tray-client'
import type { TrayClient } from '../client/tray-client'
import { TrayError } from '../errors/tray-error'
import { TrayValidationError } from '../errors/tray-validation-error'
import { createTrayClient as createRootClient } from '../index'
import { createAuthentication, deleteAuthentication, getAuthentication } from './authentications'
import { listServiceEnvironments } from './list-service-environments'

function client(steps: Step[]) {
  const server = scriptedFetch(...steps)
  return { server, tray: createTrayClient({ token: TOKEN, fetch: server.fetch }) }
}

describe('@traykit/core/admin', () => {
  it('create, get and delete', async () => {
    const auth = { id: AUTH_ID, name: 'Ann', serviceEnvironmentId: 'env-1', scopes: ['read'] }
    const { server, tray } = client([
      { status: 200, body: { id: AUTH_ID } },
      { status: 200, body: auth },
      { status: 204 },
    ])
    expect(
      await createAuthentication(tray, { name: 'Ann', serviceEnvironmentId: 'env-1' }),
    ).toEqual({ id: AUTH_ID })
    expect(await getAuthentication(tray, AUTH_ID)).toEqual(auth)
    await expect(deleteAuthentication(tray, AUTH_ID)).resolves.toBeUndefined()
    expect(server.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /core/v1/authentications',
      `GET /core/v1/authentications/${AUTH_ID}`,
      `DELETE /core/v1/authentications/${AUTH_ID}`,
    ])
  })

  it('refuses a malformed id or authentication without a request', async () => {
    const { server, tray } = client([{ status: 200, body: {} }])
    await expect(getAuthentication(tray, 'nope')).rejects.toBeInstanceOf(TrayValidationError)
    await expect(
      createAuthentication(tray, { name: '', serviceEnvironmentId: 'e' }),
    ).rejects.toThrow(/name: must not be empty/)
    expect(server.requests).toHaveLength(0)
  })

  it('lists a service version environments, refusing a connector-style version', async () => {
    const { server, tray } = client([
      {
        status: 200,
        body: {
          elements: [
            {
              id: 'e1',
              title: 'Production',
              authenticationType: 'oauth2',
              userDataSchema: {},
              credentialsSchema: {},
              scopes: [],
            },
          ],
        },
      },
    ])
    expect((await listServiceEnvironments(tray, 'slack', 4))[0]?.authenticationType).toBe('oauth2')
    expect(new URL(server.requests[0]!.url).pathname).toBe(
      '/core/v1/services/slack/versions/4/environments',
    )
    await expect(listServiceEnvironments(tray, 'slack', 9.1)).rejects.toThrow(/integer version/)
    // Cached like the connector list: the second read of the same version sends nothing.
    const again = await listServiceEnvironments(tray, 'slack', 4)
    expect(again[0]?.id).toBe('e1')
    expect(server.requests).toHaveLength(1)
  })
})

describe('the client and the admin functions', () => {
  it('keeps its transport out of sight: no member, nothing enumerable, nothing in JSON', () => {
    const { tray } = client([])
    expect(Object.keys(tray).sort()).toEqual([
      'baseUrl',
      'callConnector',
      'getConnector',
      'getOperation',
      'listConnectorVersions',
      'listConnectors',
      'listOperations',
    ])
    expect(Object.getOwnPropertySymbols(tray)).toEqual([])
    expect(JSON.stringify(tray)).not.toContain(TOKEN)
  })

  it('refuses an object createTrayClient did not make, before any request', async () => {
    const { server, tray } = client([{ status: 200, body: { id: AUTH_ID } }])
    const copy = { ...tray } as TrayClient
    await expect(getAuthentication(copy, AUTH_ID)).rejects.toThrow(TrayError)
    await expect(getAuthentication(copy, AUTH_ID)).rejects.toThrow(
      /getAuthentication: pass a client made by createTrayClient/,
    )
    expect(server.requests).toHaveLength(0)
  })
})

describe("the root entry's client (deprecated methods)", () => {
  it('still has the admin methods, sending what the functions send', async () => {
    const auth = { id: AUTH_ID, name: 'Ann', serviceEnvironmentId: 'env-1' }
    const server = scriptedFetch(
      { status: 200, body: CONNECTORS },
      { status: 200, body: { id: AUTH_ID } },
      { status: 200, body: auth },
      { status: 204 },
      { status: 200, body: { elements: [] } },
    )
    const tray = createRootClient({ token: TOKEN, fetch: server.fetch })
    expect((await tray.listConnectors()).length).toBeGreaterThan(0)
    expect(await tray.createAuthentication({ name: 'Ann', serviceEnvironmentId: 'env-1' })).toEqual(
      {
        id: AUTH_ID,
      },
    )
    expect(await tray.getAuthentication(AUTH_ID)).toEqual(auth)
    await expect(tray.deleteAuthentication(AUTH_ID)).resolves.toBeUndefined()
    expect(await tray.listServiceEnvironments('slack', 4)).toEqual([])
    // And the functions take the root client too.
    expect(await listServiceEnvironments(tray, 'slack', 4)).toEqual([])
    expect(server.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /core/v1/connectors',
      'POST /core/v1/authentications',
      `GET /core/v1/authentications/${AUTH_ID}`,
      `DELETE /core/v1/authentications/${AUTH_ID}`,
      'GET /core/v1/services/slack/versions/4/environments',
    ])
  })
})
