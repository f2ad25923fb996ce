import { describe, expect, it } from 'vitest'
import { TrayError } from '../errors/tray-error'
import { type AllowRule, createAllowCheck, listAllowed } from './allow'

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
    expect(await allowed(ADA, 'slack', 'send_message')).toBe(false)
  })

  it('asks a predicate on the caller’s own context', async () => {
    const seen: unknown[] = []
    const rule: AllowRule<Session> = (ctx, connector, operation) => {
      seen.push([ctx.user, connector, operation])
      return ctx.plan === 'pro' || operation.endsWith('_ddl')
    }
    const allowed = createAllowCheck(rule)
    expect(await allowed(ADA, 'slack', 'send_message')).toBe(true)
    expect(await allowed(BOB, 'slack', 'send_message')).toBe(false)
    expect(await allowed(BOB, 'slack', 'list_channels_ddl')).toBe(true)
    expect(seen).toEqual([
      ['ada', 'slack', 'send_message'],
      ['bob', 'slack', 'send_message'],
      ['bob', 'slack', 'list_channels_ddl'],
    ])
  })

  it('lets only a literal true through, and awaits async predicates', async () => {
    for (const verdict of ['yes', 1, {}, undefined, null]) {
      const allowed = createAllowCheck<Session>((() => verdict) as never)
      expect(await allowed(ADA, 'slack', 'send_message')).toBe(false)
    }
    const allowed = createAllowCheck<Session>(async (ctx) => ctx.user === 'ada')
    expect(await allowed(ADA, 'slack', 'send_message')).toBe(true)
    expect(await allowed(BOB, 'slack', 'send_message')).toBe(false)
  })

  it('lets a predicate’s throw reach the caller (an adapter answers it)', async () => {
    const allowed = createAllowCheck<Session>(() => {
      throw new Error('quota store down')
    })
    await expect(allowed(ADA, 'slack', 'send_message')).rejects.toThrow('quota store down')
  })

  it('allows the listed operations of a map, or all of them with *, whatever the context', async () => {
    const allowed = createAllowCheck<Session>({ slack: ['send_message'], 'twilio-output': '*' })
    expect(await allowed(BOB, 'slack', 'send_message')).toBe(true)
    expect(await allowed(BOB, 'slack', 'list_channels_ddl')).toBe(false)
    expect(await allowed(BOB, 'twilio-output', 'send_sms')).toBe(true)
    expect(await allowed(BOB, 'hubspot', 'create_contact')).toBe(false)
  })

  it.each([['constructor'], ['__proto__'], ['toString'], ['hasOwnProperty']])(
    'finds nothing for a connector named %s through the prototype chain',
    async (name) => {
      const allowed = createAllowCheck<Session>({ slack: '*' })
      expect(await allowed(ADA, name, 'valueOf')).toBe(false)
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
