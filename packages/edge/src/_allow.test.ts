import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import { SEND_MESSAGE, setup, TOKEN } from './__fixtures__/setup'
import { createTrayHandler } from './create-tray-handler'

const DDL = { operation: 'list_channels_ddl', input: { workspace_id: 'W1' } }

describe('allow', () => {
  it('allows nothing by default', async () => {
    const { mock, call } = setup({ allow: undefined })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({
      message: 'slack@9.1 send_message may not be called through this handler',
      code: 'operation_not_allowed',
    })
    expect(mock.calls).toEqual([])
  })

  it('allows the listed operations of a connector, in every version', async () => {
    const { call, request } = setup({ allow: { slack: ['send_message'] } })
    expect((await call(SEND_MESSAGE)).status).toBe(200)
    expect((await call(DDL)).status).toBe(403)
    const v90 = await request('/core/v1/connectors/slack/versions/9.0/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        operation: 'send_message',
        input: { message: 'hi', time: 'now', channel_id: 'C1' },
      }),
    })
    expect(v90.status).toBe(200)
  })

  it("allows every operation of a connector given '*', and no other connector", async () => {
    const { call, request } = setup({ allow: { slack: '*' } })
    expect((await call(DDL)).status).toBe(200)
    const other = await request('/core/v1/connectors/twilio-output/versions/2.1/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'send_sms', input: {} }),
    })
    expect(other.status).toBe(403)
  })

  it.each([['constructor'], ['__proto__'], ['toString'], ['hasOwnProperty']])(
    'finds nothing for a connector named %s through the prototype chain',
    async (name) => {
      const { mock, request } = setup({ allow: { slack: '*' } })
      const response = await request(`/core/v1/connectors/${name}/versions/1/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ operation: 'valueOf', input: {} }),
      })
      expect(response.status).toBe(403)
      expect(mock.calls).toEqual([])
    },
  )

  it('asks a predicate with the connector, version, operation, context and payload', async () => {
    const seen: unknown[] = []
    const { call } = setup({
      allow: (connector, version, operation, c, payload) => {
        seen.push({ connector, version, operation, user: c.req.header('x-user'), payload })
        return operation === 'send_message'
      },
    })
    expect((await call(SEND_MESSAGE, { 'x-user': 'ada' })).status).toBe(200)
    expect((await call(DDL)).status).toBe(403)
    expect(seen[0]).toEqual({
      connector: 'slack',
      version: '9.1',
      operation: 'send_message',
      user: 'ada',
      payload: SEND_MESSAGE,
    })
  })

  it('lets only a literal true through, and awaits async predicates', async () => {
    const truthy = setup({ allow: (() => 'yes') as never })
    expect((await truthy.call(SEND_MESSAGE)).status).toBe(403)
    const async = setup({ allow: async () => true })
    expect((await async.call(SEND_MESSAGE)).status).toBe(200)
  })

  it("answers a predicate's HTTPException with its status", async () => {
    const { mock, call } = setup({
      allow: () => {
        throw new HTTPException(429, { message: 'Too many calls for this user today' })
      },
    })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(429)
    expect(await response.json()).toEqual({
      message: 'Too many calls for this user today',
      code: null,
    })
    expect(mock.calls).toEqual([])
  })

  it.each([
    [['slack'], /allow must be a map/],
    [
      { slack: 'send_message' },
      /allow.slack must be '\*' or a list of operation names, got "send_message"/,
    ],
    [{ slack: [''] }, /allow.slack must be/],
    [{ slack: true }, /allow.slack must be/],
  ])('refuses the rule %j when the handler is created', (allow, message) => {
    expect(() => createTrayHandler({ token: TOKEN, public: true, allow: allow as never })).toThrow(
      message,
    )
  })
})
