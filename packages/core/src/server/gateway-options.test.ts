import { describe, expect, it } from 'vitest'
import { TrayError } from '../errors/tray-error'
import { checkGatewayOptions } from './gateway-options'

const TOKEN = 'tray-gateway-3kQ9zP2w'
const check = (options: unknown) => () =>
  checkGatewayOptions(options, { name: 'myGateway', options: ['catalog'] })

describe('checkGatewayOptions', () => {
  it('takes the shared options, and the gateway’s own names', () => {
    expect(check({ token: TOKEN, public: true, catalog: 'all' })).not.toThrow()
    expect(
      check({
        token: (ctx: unknown) => String(ctx),
        authorize: () => true,
        allow: { slack: '*' },
        authentications: { owns: () => true },
        maxBodyBytes: 1000,
        limits: { maxQueue: 10 },
        onError: () => {},
      }),
    ).not.toThrow()
  })

  it.each([
    [{ token: TOKEN, public: true, alow: {} }, 'unknown option "alow" (did you mean "allow"?)'],
    [{ token: TOKEN, public: true, catalogue: 'all' }, '(did you mean "catalog"?)'],
    [{ token: TOKEN, public: true, zebra: 1 }, 'unknown option "zebra"; the options are token,'],
    [{ public: true }, 'token is required'],
    [{ token: '', public: true }, 'token is required'],
    [{ token: TOKEN }, 'authorize is required'],
    [{ token: TOKEN, public: false }, 'authorize is required'],
    [{ token: TOKEN, public: true, authorize: () => true }, 'either authorize or public: true'],
    [{ token: TOKEN, public: 'yes' }, 'public must be true or false'],
    [{ token: TOKEN, authorize: true }, 'authorize must be a function'],
    [{ token: TOKEN, public: true, maxBodyBytes: 0.5 }, 'maxBodyBytes must be a whole number'],
    [{ token: TOKEN, public: true, authentications: {} }, 'authentications must be { owns'],
    [{ token: TOKEN, public: true, onError: 'log' }, 'onError must be a function'],
    [{ token: TOKEN, public: true, limits: {}, limiter: {} }, 'either limiter or limits'],
    [{ token: TOKEN, public: true, region: 'mars' }, 'region must be one of'],
    ['token', 'options must be an object'],
  ])('refuses %o, naming the gateway', (options, message) => {
    expect(check(options)).toThrow(TrayError)
    expect(check(options)).toThrow(message)
    // Core's client words its own option errors (region, baseUrl, limits…).
    if (!message.startsWith('region')) expect(check(options)).toThrow(/^myGateway: /)
  })
})
