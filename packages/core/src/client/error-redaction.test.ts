import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { TrayApiError, TrayBadRequestError } from '../errors/tray-api-error'
import { TrayConnectorError } from '../errors/tray-connector-error'
import { TrayError } from '../errors/tray-error'
import { TrayValidationError } from '../errors/tray-validation-error'
import { AUTH_ID, CONNECTORS, scriptedFetch } from './__fixtures__/scripted-fetch'
import { createTrayClient } from './create-tray-client'
import { MIN_SECRET_FRAGMENT } from './redactor'

const PLAIN = 'tok_live_5f3a9c1e7b2d4f6a8c0e9d7b'
const SLASHED = 'tok/live+5f3a9c1e7b2d/4f6a8c0e+9d7b'
const PADDING = 'x'.repeat(460)

/** Every character as `\uXXXX` inside a JSON string. */
const escapeAll = (s: string) =>
  [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

/** Every form a user or a log sees of an error. */
function surfaces(error: unknown): string[] {
  return [
    String(error),
    (error as Error).message,
    (error as Error).stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify((error as { body?: unknown }).body ?? null),
    inspect((error as { body?: unknown }).body, { depth: 10 }),
  ]
}

/** The first run of 12 or more characters of the token a text holds, if any. */
function leakedFragment(text: string, token: string): string | undefined {
  for (let i = 0; i + MIN_SECRET_FRAGMENT <= token.length; i++) {
    const fragment = token.slice(i, i + MIN_SECRET_FRAGMENT)
    if (text.includes(fragment)) return fragment
  }
  return undefined
}

// Raw JSON texts of an upstream 400 echoing the token after ~460 characters, so that a
// 500-character cut falls inside it.
const echoes: Array<[string, string, string]> = [
  ['every character \\u-escaped', PLAIN, escapeAll(PLAIN)],
  ['as written', PLAIN, PLAIN],
  ['with \\/ for /', SLASHED, SLASHED.replaceAll('/', '\\/')],
  ['with \\u002B for +', SLASHED, SLASHED.replaceAll('+', '\\u002B')],
  [
    'with \\/ and \\u002b mixed',
    SLASHED,
    SLASHED.replaceAll('/', '\\/').replaceAll('+', '\\u002b'),
  ],
  ['every character escaped, / and + included', SLASHED, escapeAll(SLASHED)],
]

describe('an upstream 400 echoing the token, escaped, past 460 characters', () => {
  it.each(echoes)(
    '%s: no surface of the error holds 12 characters of it',
    async (_, token, spelled) => {
      const raw = `{"message":"Invalid header: ${PADDING} Bearer ${spelled}","code":null,"echo":{"authorization":"Bearer ${spelled}"}}`
      const server = scriptedFetch({ status: 400, body: raw })
      const tray = createTrayClient({ token, fetch: server.fetch, maxRetries: 0 })
      const error = await tray.listConnectors().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TrayBadRequestError)
      for (const form of surfaces(error)) expect(leakedFragment(form, token)).toBeUndefined()
      // What the server said is otherwise kept: the message starts as Tray's did.
      expect(
        (error as Error).message.startsWith(`Invalid header: ${PADDING} Bearer [redacted]`),
      ).toBe(true)
      expect((error as TrayApiError).body).toEqual({
        message: `Invalid header: ${PADDING} Bearer [redacted]`,
        code: null,
        echo: { authorization: 'Bearer [redacted]' },
      })
    },
  )

  it.each(echoes)(
    '%s: a non-JSON body is redacted in every spelling',
    async (_, token, spelled) => {
      const raw = `<pre>${PADDING} Authorization: Bearer ${spelled}</pre>`
      const server = scriptedFetch({ status: 502, body: raw })
      const tray = createTrayClient({ token, fetch: server.fetch, maxRetries: 0 })
      const error = await tray.listConnectors().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TrayApiError)
      for (const form of surfaces(error)) expect(leakedFragment(form, token)).toBeUndefined()
      expect((error as TrayApiError).body).toBe(
        `<pre>${PADDING} Authorization: Bearer [redacted]</pre>`,
      )
    },
  )

  it('a validation 400 echoing the token keeps none of it in its issues', async () => {
    const raw = `{"message":"Connector input validation failed. Schema validation errors: [ 1 - #/text: ${PADDING} Bearer ${escapeAll(PLAIN)} ]","code":null}`
    const server = scriptedFetch({ status: 400, body: raw })
    const tray = createTrayClient({ token: PLAIN, fetch: server.fetch })
    const error = await tray
      .callConnector('slack', '9.1', { operation: 'send_message', input: {} }, { validate: false })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayValidationError)
    for (const form of [
      ...surfaces(error),
      JSON.stringify((error as TrayValidationError).issues),
    ]) {
      expect(leakedFragment(form, PLAIN)).toBeUndefined()
    }
  })

  it('a request id and hook events echoing the token are redacted', async () => {
    const events: unknown[] = []
    const server = scriptedFetch({
      status: 200,
      body: CONNECTORS,
      headers: { 'x-request-id': `req ${PLAIN}` },
    })
    const tray = createTrayClient({
      token: PLAIN,
      fetch: server.fetch,
      hooks: { onResponse: (e) => events.push(e) },
    })
    await tray.listConnectors()
    expect(events).toEqual([expect.objectContaining({ requestId: 'req [redacted]' })])
  })
})

describe("a third party's error echoing the token", () => {
  const output = {
    message: `${PADDING} upstream said: Bearer ${PLAIN}`,
    response: { statusCode: 401, body: { error: { message: `bad token ${PLAIN}` } } },
  }
  const raw = JSON.stringify({ outcome: 'error', output }).replace(PLAIN, escapeAll(PLAIN))

  it('is redacted in the thrown TrayConnectorError, output included', async () => {
    const server = scriptedFetch({ status: 200, body: raw })
    const tray = createTrayClient({ token: PLAIN, fetch: server.fetch })
    const error = await tray
      .callConnector(
        'slack',
        '9.1',
        { operation: 'send_message', input: {}, authId: AUTH_ID },
        { validate: false },
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayConnectorError)
    expect(error).toBeInstanceOf(TrayError)
    for (const form of surfaces(error)) expect(leakedFragment(form, PLAIN)).toBeUndefined()
    expect(error).toMatchObject({
      connector: 'slack',
      operation: 'send_message',
      statusCode: 401,
      thirdPartyMessage: `${PADDING} upstream said: Bearer [redacted]`,
      output: {
        message: `${PADDING} upstream said: Bearer [redacted]`,
        response: { statusCode: 401, body: { error: { message: 'bad token [redacted]' } } },
      },
    })
  })

  it('is returned as sent with throwOnError: false: the caller asked for the data', async () => {
    const server = scriptedFetch({ status: 200, body: raw })
    const tray = createTrayClient({ token: PLAIN, fetch: server.fetch })
    const result = await tray.callConnector(
      'slack',
      '9.1',
      { operation: 'send_message', input: {} },
      { validate: false, throwOnError: false },
    )
    expect(result).toEqual({ outcome: 'error', output })
  })
})
