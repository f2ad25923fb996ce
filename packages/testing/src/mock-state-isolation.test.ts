import type { JsonObject } from '@traykit/core'
import { describe, expect, it } from 'vitest'
import { call } from './__fixtures__/send'
import { createMockTray, type MockCatalog } from './index'

const SLACK_ENV = '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1'
const SEEDED_AUTH = '0b6c5e7a-1f2d-4e3c-9a8b-7c6d5e4f3a2b'

/**
 * A catalog whose answers come from a schema's object `default`, an object `enum`, a canned
 * output and a template that copies an input object: every place a shared object could leak.
 */
function leakyCatalog(): MockCatalog {
  return {
    connectors: [
      {
        name: 'store',
        version: '1.0',
        title: 'Store',
        description: 'A store of settings',
        service: { id: 'store-service', name: 'store', version: 1 },
        operations: [
          {
            name: 'get_settings',
            title: 'Get settings',
            description: 'Reads the settings',
            inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
            outputSchema: {
              type: 'object',
              properties: {
                settings: { type: 'object', default: { mode: 'safe', tags: ['a'] } },
                plan: { enum: [{ tier: 'free' }, { tier: 'paid' }] },
              },
            },
            hasDynamicOutput: false,
          },
          {
            name: 'echo',
            title: 'Echo',
            description: 'Answers the item it was sent',
            inputSchema: { type: 'object', properties: { item: { type: 'object' } } },
            outputSchema: {},
            hasDynamicOutput: false,
            mockResponses: [{ output: { item: '{{{item}}}', fixed: { kept: true } } }],
          },
        ],
      },
    ],
    services: [],
  }
}

const getSettings = { operation: 'get_settings', input: {} }

describe('mock state is never shared by reference', () => {
  it("a handler changing ctx.defaultResult() leaves the catalog's default and enum as they were", async () => {
    const mock = createMockTray({ catalog: leakyCatalog() })
    const before = (await call(mock, 'store', '1.0', getSettings)).body
    expect(before).toEqual({
      outcome: 'success',
      output: { settings: { mode: 'safe', tags: ['a'] }, plan: { tier: 'free' } },
    })
    mock.handle('store', 'get_settings', (_input, ctx) => {
      const result = ctx.defaultResult()
      const output = result.output as { settings: { mode: string; tags: string[] } } & JsonObject
      output.settings.mode = 'changed by a handler'
      output.settings.tags.push('b')
      ;(output.plan as { tier: string }).tier = 'changed by a handler'
      return result
    })
    await call(mock, 'store', '1.0', getSettings)
    mock.reset()
    expect((await call(mock, 'store', '1.0', getSettings)).body).toEqual(before)
  })

  it('a handler changing a canned answer leaves the journal and the next answer alone', async () => {
    const mock = createMockTray({ catalog: leakyCatalog() })
    const input = { item: { name: 'first' } }
    mock.handle('store', 'echo', (_input, ctx) => {
      const result = ctx.defaultResult()
      ;(result.output.item as { name: string }).name = 'changed by a handler'
      ;(result.output.fixed as { kept: boolean }).kept = false
      return result
    })
    await call(mock, 'store', '1.0', { operation: 'echo', input })
    expect(mock.calls[0]?.input).toEqual({ item: { name: 'first' } })
    mock.reset()
    expect((await call(mock, 'store', '1.0', { operation: 'echo', input })).body).toEqual({
      outcome: 'success',
      output: { item: { name: 'first' }, fixed: { kept: true } },
    })
  })

  it('mock.calls holds deep copies: changing what it returned changes nothing', async () => {
    const mock = createMockTray({ catalog: leakyCatalog() })
    const input = { item: { name: 'first', tags: ['a'] } }
    await call(mock, 'store', '1.0', { operation: 'echo', input })
    const seen = mock.calls[0]?.input as typeof input
    seen.item.name = 'changed by a test'
    seen.item.tags.push('added by a test')
    expect(mock.calls[0]?.input).toEqual({ item: { name: 'first', tags: ['a'] } })
  })

  it('mock.calls keeps the input as received, whatever the handler does to its own', async () => {
    const mock = createMockTray({ catalog: leakyCatalog() })
    mock.handle('store', 'echo', (received) => {
      const item = received.item as { name: string; tags: string[] }
      item.name = 'changed by a handler'
      item.tags.push('added by a handler')
      return { ok: true }
    })
    const input = { item: { name: 'first', tags: ['a'] } }
    await call(mock, 'store', '1.0', { operation: 'echo', input })
    expect(mock.calls[0]?.input).toEqual({ item: { name: 'first', tags: ['a'] } })
  })

  it('a caller changing its input after an in-process call leaves the journal alone', async () => {
    const mock = createMockTray({ catalog: leakyCatalog() })
    const input = { item: { name: 'first', tags: ['a'] } }
    const response = await mock.app.request('/core/v1/connectors/store/versions/1.0/call', {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'echo', input }),
    })
    expect(response.status).toBe(200)
    input.item.name = 'changed by the caller'
    expect(mock.calls[0]?.input).toEqual({ item: { name: 'first', tags: ['a'] } })
  })

  it('keeps its own copy of the catalog: changing the object afterwards changes nothing', async () => {
    const catalog = leakyCatalog()
    const mock = createMockTray({ catalog })
    const before = (await call(mock, 'store', '1.0', getSettings)).body
    const operation = catalog.connectors[0]!.operations[0]!
    const properties = (operation.outputSchema as { properties: Record<string, JsonObject> })
      .properties
    ;(properties.settings!.default as { mode: string }).mode = 'changed after creation'
    catalog.connectors[0]!.operations.pop()
    expect((await call(mock, 'store', '1.0', getSettings)).body).toEqual(before)
    expect((await call(mock, 'store', '1.0', { operation: 'echo', input: {} })).status).toBe(200)
  })

  it('keeps its own copy of seeded authentications: changing them afterwards changes nothing', async () => {
    const seed = {
      id: SEEDED_AUTH,
      name: 'Acme Slack',
      serviceEnvironmentId: SLACK_ENV,
      credentials: { access_token: 'xoxb-1' },
      userData: { team: { id: 'T1' } },
    }
    const mock = createMockTray({ authentications: [seed] })
    const seen: unknown[] = []
    const handle = () =>
      mock.handle('slack', 'send_message', (_input, ctx) => {
        seen.push(structuredClone(ctx.authentication))
        // A handler changing what it was given must not change the next call's view either.
        ;(ctx.authentication?.userData?.team as { id: string }).id = 'changed by a handler'
        return { ok: true }
      })
    handle()
    seed.credentials.access_token = 'changed after creation'
    seed.userData.team.id = 'changed after creation'
    const send = { operation: 'send_message', input: { channel: 'C1', text: 'hi' } }
    await call(mock, 'slack', '9.1', { ...send, authId: SEEDED_AUTH })
    await call(mock, 'slack', '9.1', { ...send, authId: SEEDED_AUTH })
    mock.reset()
    handle()
    await call(mock, 'slack', '9.1', { ...send, authId: SEEDED_AUTH })
    const expected = {
      ...seed,
      credentials: { access_token: 'xoxb-1' },
      userData: { team: { id: 'T1' } },
    }
    expect(seen).toEqual([expected, expected, expected])
  })

  it("keeps its own copy of a fault's body and match: changing them afterwards changes nothing", async () => {
    const mock = createMockTray()
    const body = { message: 'planned outage' }
    const match = { route: 'connectors' as const }
    mock.fail({ status: 503, body, match })
    body.message = 'changed after the fault was added'
    ;(match as { route: string }).route = 'operations'
    const response = await mock.fetch('http://tray.test/core/v1/connectors', {
      headers: { authorization: 'Bearer t' },
    })
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ message: 'planned outage' })
  })
})
