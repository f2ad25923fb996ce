import { describe, expect, expectTypeOf, it } from 'vitest'
import type { CallResult } from '../schemas/call-result'
import type { JsonObject } from '../schemas/json-object'
import { AUTH_ID, scriptedFetch, TOKEN } from './__fixtures__/scripted-fetch'
import { createTrayClient } from './create-tray-client'
import type { TrayClient } from './tray-client'

// Checked by `tsc -p tsconfig.test.json` (`pnpm --filter @traykit/core typecheck`); the test
// below runs the same calls once so they are also known to work.

/** An output declared as an interface: no index signature. */
interface SentMessage {
  ts: string
  channel: string
}

const payload = { operation: 'send_message', input: { channel: 'C1', text: 'hi' } }

function typeChecks(tray: TrayClient, flag: boolean) {
  // An interface output type compiles.
  expectTypeOf(
    tray.callConnector<SentMessage>('slack', '9.1', payload),
  ).resolves.toEqualTypeOf<SentMessage>()
  expectTypeOf(tray.callConnector('slack', '9.1', payload)).resolves.toEqualTypeOf<JsonObject>()
  // throwOnError: false gives the result union, with TOutput on success.
  const raw = tray.callConnector<SentMessage>('slack', '9.1', payload, { throwOnError: false })
  expectTypeOf(raw).resolves.toEqualTypeOf<CallResult<SentMessage>>()
  expectTypeOf(raw).resolves.toEqualTypeOf<
    { outcome: 'success'; output: SentMessage } | { outcome: 'error'; output: JsonObject }
  >()
  // A boolean that is not known until run time: either.
  expectTypeOf(
    tray.callConnector<SentMessage>('slack', '9.1', payload, { throwOnError: flag }),
  ).resolves.toEqualTypeOf<SentMessage | CallResult<SentMessage>>()
  expectTypeOf(
    tray.callConnector<SentMessage>('slack', '9.1', payload, { throwOnError: true }),
  ).resolves.toEqualTypeOf<SentMessage>()

  tray.callConnector('slack', '9.1', {
    operation: 'send_message',
    input: {},
    // @ts-expect-error a misspelt payload key is a type error (runtime: TrayValidationError)
    authID: AUTH_ID,
  })
  // @ts-expect-error a client option that does not exist is a type error too
  createTrayClient({ token: TOKEN, tiemout: 1000 })
  // `process.env.X`'s type compiles; it throws at run time when the variable is unset.
  createTrayClient({ token: undefined as string | undefined })
  createTrayClient({ token: null, baseUrl: 'https://edge.example' })
}

describe('callConnector types', () => {
  it('hold at run time too', async () => {
    const server = scriptedFetch({
      status: 200,
      body: { outcome: 'success', output: { ts: '1', channel: 'C1' } },
    })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
    const output = await tray.callConnector<SentMessage>('slack', '9.1', payload, {
      validate: false,
    })
    expect(output.ts).toBe('1')
    const result = await tray.callConnector<SentMessage>('slack', '9.1', payload, {
      validate: false,
      throwOnError: false,
    })
    if (result.outcome === 'success') expect(result.output.channel).toBe('C1')
    expect(typeof typeChecks).toBe('function')
  })
})
