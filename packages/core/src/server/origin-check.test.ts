import { describe, expect, it } from 'vitest'
import { TrayError } from '../errors/tray-error'
import { errorOutcome } from './error-outcome'
import { createOriginCheck } from './origin-check'

const OWN = 'https://gateway.example'
const APP = 'https://app.example.com'
const EVIL = 'https://evil.example'

function refusal(check: ReturnType<typeof createOriginCheck>, headers: Record<string, string>) {
  try {
    check.refuseForeign(new Request(`${OWN}/mcp`, { headers }))
    return 'served'
  } catch (error) {
    const { status, code, message } = errorOutcome(error)
    return { status, code, message }
  }
}

const REFUSED = {
  status: 403,
  code: 'origin_not_allowed',
  message: 'Requests from this origin may not use this handler',
}

describe('createOriginCheck', () => {
  it.each<[string, Record<string, string>, 'served' | 'refused', 'served' | 'refused']>([
    // what, headers, strict (default), not strict
    [
      'same-origin, its Origin unlisted',
      { origin: EVIL, 'sec-fetch-site': 'same-origin' },
      'served',
      'served',
    ],
    ['the address bar', { 'sec-fetch-site': 'none' }, 'served', 'served'],
    [
      'a listed Origin, cross-site',
      { origin: APP, 'sec-fetch-site': 'cross-site' },
      'served',
      'served',
    ],
    ['a listed Origin, no Sec-Fetch-Site', { origin: APP }, 'served', 'served'],
    ['its own Origin, no Sec-Fetch-Site', { origin: OWN }, 'served', 'served'],
    ['no browser headers (curl, an agent)', {}, 'served', 'served'],
    [
      'an unlisted Origin, cross-site',
      { origin: EVIL, 'sec-fetch-site': 'cross-site' },
      'refused',
      'refused',
    ],
    [
      'same-site, unlisted',
      { origin: 'https://other.example.com', 'sec-fetch-site': 'same-site' },
      'refused',
      'refused',
    ],
    [
      'cross-site without Origin (an <img>)',
      { 'sec-fetch-site': 'cross-site' },
      'refused',
      'refused',
    ],
    ['an unlisted Origin, no Sec-Fetch-Site', { origin: EVIL }, 'refused', 'served'],
    ['the Origin "null" (a sandboxed frame)', { origin: 'null' }, 'refused', 'served'],
  ])('%s: strict %s, otherwise %s', (_what, headers, strict, loose) => {
    const answer = (verdict: string) => (verdict === 'served' ? 'served' : REFUSED)
    expect(refusal(createOriginCheck({ origins: [APP] }), headers)).toEqual(answer(strict))
    expect(refusal(createOriginCheck({ origins: [APP], strict: false }), headers)).toEqual(
      answer(loose),
    )
  })

  it('serves only the own origin without a list', () => {
    const check = createOriginCheck()
    expect(refusal(check, { origin: OWN, 'sec-fetch-site': 'same-origin' })).toBe('served')
    expect(refusal(check, { origin: APP, 'sec-fetch-site': 'cross-site' })).toEqual(REFUSED)
    expect(refusal(check, { origin: APP })).toEqual(REFUSED)
  })

  it.each([['*'], [`${APP}/`], [`${APP}/tray`], ['app.example.com'], ['ftp://app.example.com']])(
    'refuses %j at once: exact origins only, named by its owner',
    (origin) => {
      const create = () =>
        createOriginCheck({ origins: [origin], name: 'createTrayMcpHandler', option: 'origins' })
      expect(create).toThrow(TrayError)
      expect(create).toThrow(/^createTrayMcpHandler: origins must hold exact origins/)
    },
  )
})
