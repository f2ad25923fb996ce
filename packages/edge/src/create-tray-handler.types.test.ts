// Type tests: `pnpm typecheck` compiles this file, where an unused @ts-expect-error fails too.
import type { CallPayload } from '@traykit/core/client'
import type { AllowPredicate as CoreAllowPredicate } from '@traykit/core/server'
import { createMockTray } from '@traykit/testing'
import { type Context, type Env, Hono } from 'hono'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { createTrayHandler } from './create-tray-handler'
import type { AllowPredicate, TrayHandlerOptions } from './handler-options'

const TOKEN = 'tray-types-Jm4pQ7'

describe('the options type', () => {
  it('needs authorize or an explicit public: true', () => {
    const refused = [
      // @ts-expect-error neither authorize nor public: true
      () => createTrayHandler({ token: TOKEN }),
      // @ts-expect-error public: false does not replace authorize
      () => createTrayHandler({ token: TOKEN, public: false }),
      // @ts-expect-error both at once
      () => createTrayHandler({ token: TOKEN, public: true, authorize: () => true }),
      // @ts-expect-error authorize must be a function
      () => createTrayHandler({ token: TOKEN, authorize: true }),
    ]
    // The runtime checks stay, for JavaScript callers and casts.
    for (const create of refused) expect(create).toThrow()

    expect(() => createTrayHandler({ token: TOKEN, public: true })).not.toThrow()
    expect(() => createTrayHandler({ token: TOKEN, authorize: () => true })).not.toThrow()
    expect(() =>
      createTrayHandler({ token: TOKEN, authorize: async () => true, public: false }),
    ).not.toThrow()
  })

  it('types the authentications hooks with the Bindings generic, and catalog with its two values', () => {
    type Bindings = { TRAY_TOKEN: string }
    const handler = createTrayHandler<{ Bindings: Bindings }>({
      token: (c) => c.env.TRAY_TOKEN,
      public: true,
      allow: { slack: ['send_message'] },
      catalog: 'allowed',
      authentications: {
        owns: async (c, authId) => c.env.TRAY_TOKEN !== '' && authId !== '',
        onCreate: (_c, authentication) => {
          expectTypeOf(authentication.id).toEqualTypeOf<string>()
          expectTypeOf(authentication.name).toEqualTypeOf<string>()
          // @ts-expect-error the credentials are never handed to onCreate
          authentication.credentials
        },
      },
    })
    expect(handler).toBeInstanceOf(Hono)
    // @ts-expect-error owns is required
    expect(() => createTrayHandler({ token: TOKEN, public: true, authentications: {} })).toThrow()
  })

  it('takes an allow predicate written for calls, its payload required, as before', () => {
    // Declared apart with `payload: CallPayload`, as the edge's predicates were typed.
    const forCalls = (
      connector: string,
      _version: string,
      operation: string,
      c: Context,
      payload: CallPayload,
    ): boolean =>
      connector === 'slack' &&
      operation === 'send_message' &&
      payload.authId === c.req.header('x-auth')
    const shared: AllowPredicate = forCalls
    expect(() => createTrayHandler({ token: TOKEN, public: true, allow: forCalls })).not.toThrow()
    expect(() => createTrayHandler({ token: TOKEN, public: true, allow: shared })).not.toThrow()
    // Core's predicate under the edge's name: the same type, and payload absent when listing.
    expectTypeOf<AllowPredicate>().toEqualTypeOf<CoreAllowPredicate<Context<Env>>>()
    createTrayHandler({
      token: TOKEN,
      public: true,
      allow: (_connector, _version, _operation, _c, payload) => {
        expectTypeOf(payload).toEqualTypeOf<CallPayload | undefined>()
        return payload?.authId === undefined
      },
    })
  })

  it('refuses an option it does not know', () => {
    // @ts-expect-error misspelt option
    expect(() => createTrayHandler({ token: TOKEN, public: true, authorise: () => true })).toThrow(
      /unknown option "authorise"/,
    )
  })

  it('types c.env from the Bindings generic, and needs it to read c.env', async () => {
    type Bindings = { TRAY_TOKEN: string; SESSION: string }
    const handler = createTrayHandler<{ Bindings: Bindings }>({
      token: (c) => c.env.TRAY_TOKEN,
      authorize: (c) => c.req.header('authorization') === `Bearer ${c.env.SESSION}`,
    })
    expectTypeOf(handler).toEqualTypeOf<Hono<{ Bindings: Bindings }>>()

    const untyped = () =>
      createTrayHandler({
        // @ts-expect-error without Bindings, c.env is `object | undefined` (TS18048, TS2339)
        token: (c) => c.env.TRAY_TOKEN,
        public: true,
      })
    expect(untyped).not.toThrow()

    // A parent app with the same Bindings mounts it, and passes its env through.
    const app = new Hono<{ Bindings: Bindings }>().route('/tray', handler)
    const response = await app.request('/tray/core/v1/connectors', {}, {
      TRAY_TOKEN: TOKEN,
      SESSION: 's',
    } satisfies Bindings)
    expect(response.status).toBe(401)
  })

  it('takes options declared apart as either kind', () => {
    const open: TrayHandlerOptions = { token: TOKEN, public: true }
    // @ts-expect-error a declared options object needs one of the two as well
    const neither: TrayHandlerOptions = { token: TOKEN }
    expect(() => createTrayHandler(open)).not.toThrow()
    expect(() => createTrayHandler(neither)).toThrow(/authorize is required/)
  })
})

describe('one hono', () => {
  it("mounts the mock's app and the handler in one app", async () => {
    const mock = createMockTray({ tokens: [TOKEN] })
    const app = new Hono()
    app.route('/mock', mock.app)
    app.route(
      '/tray',
      createTrayHandler({
        token: TOKEN,
        public: true,
        baseUrl: 'http://local/mock',
        fetch: async (input, init) => app.fetch(new Request(input, init)),
      }),
    )
    const response = await app.request('/tray/core/v1/connectors')
    expect(response.status).toBe(200)
    expect(mock.calls).toMatchObject([{ route: 'connectors' }])
  })
})
