import { describe, expect, expectTypeOf, it } from 'vitest'
import { TrayError } from '../errors/tray-error'
import type { CallPayload } from '../schemas/call-payload'
import { type AllowPredicate, type AllowRule, createAllowCheck, listAllowed } from './allow'

/** A caller's context of any shape: what an MCP session or a CLI run might carry. */
interface Session {
  user: string
  plan: 'free' | 'pro'
}

const ADA: Session = { user: 'ada', plan: 'pro' }
const BOB: Session = { user: 'bob', plan: 'free' }

describe('createAllowCheck', () => {
  it('allows nothing without a rule', async () => {
    const allowed = createAllowCheck<Session>(undefined)
    expect(await allowed('slack', '9.1', 'send_message', ADA)).toBe(false)
  })

  it('asks a predicate on the caller’s own context', async () => {
    const seen: unknown[] = []
    const rule: AllowRule<Session> = (connector, _version, operation, ctx) => {
      seen.push([ctx.user, connector, operation])
      return ctx.plan === 'pro' || operation.endsWith('_ddl')
    }
    const allowed = createAllowCheck(rule)
    expect(await allowed('slack', '9.1', 'send_message', ADA)).toBe(true)
    expect(await allowed('slack', '9.1', 'send_message', BOB)).toBe(false)
    expect(await allowed('slack', '9.1', 'list_channels_ddl', BOB)).toBe(true)
    expect(seen).toEqual([
      ['ada', 'slack', 'send_message'],
      ['bob', 'slack', 'send_message'],
      ['bob', 'slack', 'list_channels_ddl'],
    ])
  })

  it('lets only a literal true through, and awaits async predicates', async () => {
    for (const verdict of ['yes', 1, {}, undefined, null]) {
      const allowed = createAllowCheck<Session>((() => verdict) as never)
      expect(await allowed('slack', '9.1', 'send_message', ADA)).toBe(false)
    }
    const allowed = createAllowCheck<Session>(async (_c, _v, _o, ctx) => ctx.user === 'ada')
    expect(await allowed('slack', '9.1', 'send_message', ADA)).toBe(true)
    expect(await allowed('slack', '9.1', 'send_message', BOB)).toBe(false)
  })

  it('gives a predicate the version, and the payload only when a call is about to run', async () => {
    const seen: unknown[] = []
    const allowed = createAllowCheck<Session>((connector, version, operation, ctx, payload) => {
      seen.push({ connector, version, operation, user: ctx.user, payload })
      // A rule on the payload lists the operation, and decides the call by its authId.
      return payload === undefined || payload.authId === `${ctx.user}-slack`
    })
    const call: CallPayload = { operation: 'send_message', input: {}, authId: 'ada-slack' }
    expect(await allowed('slack', '9.1', 'send_message', ADA)).toBe(true)
    expect(await allowed('slack', '9.1', 'send_message', ADA, call)).toBe(true)
    expect(await allowed('slack', '9.1', 'send_message', BOB, call)).toBe(false)
    expect(seen).toEqual([
      {
        connector: 'slack',
        version: '9.1',
        operation: 'send_message',
        user: 'ada',
        payload: undefined,
      },
      { connector: 'slack', version: '9.1', operation: 'send_message', user: 'ada', payload: call },
      { connector: 'slack', version: '9.1', operation: 'send_message', user: 'bob', payload: call },
    ])
  })

  it('takes a predicate written for calls only, with a required payload (the edge’s shape)', async () => {
    // Written apart and typed with `payload: CallPayload`, as the edge's predicates were.
    const forCalls = (
      _connector: string,
      _version: string,
      _operation: string,
      ctx: Session,
      payload: CallPayload,
    ): boolean => payload.authId === `${ctx.user}-slack`
    const rule: AllowPredicate<Session> = forCalls
    const allowed = createAllowCheck<Session>(forCalls)
    const call: CallPayload = { operation: 'send_message', input: {}, authId: 'ada-slack' }
    expect(await allowed('slack', '9.1', 'send_message', ADA, call)).toBe(true)
    expectTypeOf(rule).parameter(4).toEqualTypeOf<CallPayload | undefined>()
    // Written inline, the payload reads as possibly absent.
    createAllowCheck<Session>((_c, _v, _o, _ctx, payload) => {
      expectTypeOf(payload).toEqualTypeOf<CallPayload | undefined>()
      return payload?.authId !== undefined
    })
  })

  it('lets a predicate’s throw reach the caller (an adapter answers it)', async () => {
    const allowed = createAllowCheck<Session>(() => {
      throw new Error('quota store down')
    })
    await expect(allowed('slack', '9.1', 'send_message', ADA)).rejects.toThrow('quota store down')
  })

  it('allows the listed operations of a map, or all of them with *, whatever the context', async () => {
    const allowed = createAllowCheck<Session>({ slack: ['send_message'], 'twilio-output': '*' })
    expect(await allowed('slack', '9.1', 'send_message', BOB)).toBe(true)
    expect(await allowed('slack', '9.1', 'list_channels_ddl', BOB)).toBe(false)
    expect(await allowed('twilio-output', '9.1', 'send_sms', BOB)).toBe(true)
    expect(await allowed('hubspot', '9.1', 'create_contact', BOB)).toBe(false)
  })

  it.each([['constructor'], ['__proto__'], ['toString'], ['hasOwnProperty']])(
    'finds nothing for a connector named %s through the prototype chain',
    async (name) => {
      const allowed = createAllowCheck<Session>({ slack: '*' })
      expect(await allowed(name, '9.1', 'valueOf', ADA)).toBe(false)
    },
  )

  it.each([
    [['slack'], /^createTrayMcpServer: allow must be a map/],
    [
      { slack: 'send_message' },
      /allow.slack must be '\*' or a list of operation names, got "send_message"/,
    ],
    [{ slack: [''] }, /allow.slack must be/],
    [{ slack: true }, /allow.slack must be/],
  ])('refuses the malformed map %j at once, naming its owner', (allow, message) => {
    const create = () => createAllowCheck(allow as never, { name: 'createTrayMcpServer' })
    expect(create).toThrow(TrayError)
    expect(create).toThrow(message)
  })
})

describe('listAllowed', () => {
  const connectors = [{ name: 'slack' }, { name: 'hubspot' }, { name: 'twilio-output' }]
  const operations = [{ name: 'send_message' }, { name: 'list_channels_ddl' }]

  it('lists the connectors of which some operation is allowed, and those operations', () => {
    const allowed = listAllowed({ slack: ['send_message'], 'twilio-output': '*' })
    expect(allowed.connectors(connectors).map((c) => c.name)).toEqual(['slack', 'twilio-output'])
    expect(allowed.operations('slack', operations)).toEqual([{ name: 'send_message' }])
    expect(allowed.operations('twilio-output', operations)).toEqual(operations)
    expect(allowed.operations('hubspot', operations)).toEqual([])
    expect(allowed.allows('slack', 'send_message')).toBe(true)
    expect(allowed.allows('slack', 'list_channels_ddl')).toBe(false)
    expect([...allowed.rules.keys()]).toEqual(['slack', 'twilio-output'])
  })

  it('lists nothing without a map', () => {
    const allowed = listAllowed(undefined)
    expect(allowed.connectors(connectors)).toEqual([])
    expect(allowed.operations('slack', operations)).toEqual([])
  })
})
