import { inspect } from 'node:util'
import { describe, expect, it, vi } from 'vitest'
import { CALL_PATH, SEND_MESSAGE, setup, TOKEN } from './__fixtures__/setup'

/** Everything a caller can read of an answer. */
async function visible(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')
  return `${response.status} ${response.statusText}\n${headers}\n\n${await response.text()}`
}

describe('the upstream token', () => {
  it('is in no answer of any route, success or refusal', async () => {
    const { request, call } = setup({ cors: { origins: ['https://app.example.com'] } })
    const answers = [
      await request('/core/v1/connectors'),
      await request('/core/v1/connectors/slack/versions/9.1/operations'),
      await request('/core/v1/connectors/nope/versions/1/operations'),
      await call(SEND_MESSAGE, { origin: 'https://app.example.com' }),
      await call({ operation: 'send_message', input: {} }),
      await call({ operation: 'list_channels_ddl', input: {} }),
      await call('{'),
      await request(CALL_PATH, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
      }),
      await request('/core/v1/connectors', { method: 'PUT' }),
    ]
    for (const answer of answers) expect(await visible(answer)).not.toContain(TOKEN)
  })

  it('is removed from an upstream error body that echoes the Authorization header', async () => {
    const { mock, call, request } = setup()
    const echo = `Invalid header Authorization: Bearer ${TOKEN}`
    mock.fail({ status: 401, body: { message: echo, code: TOKEN }, match: { route: 'call' } })
    mock.fail({ status: 500, body: `<html>${TOKEN}</html>`, match: { route: 'connectors' } })

    const failedCall = await call(SEND_MESSAGE)
    expect(failedCall.status).toBe(401)
    const text = await visible(failedCall)
    expect(text).not.toContain(TOKEN)
    expect(text).toContain('Bearer [redacted]')
    expect(await visible(await request('/core/v1/connectors'))).not.toContain(TOKEN)
  })

  it('is removed from a 200 whose output echoes it, such as a third party reflecting headers', async () => {
    const { mock, call, browser } = setup()
    mock.handle('slack', 'send_message', (_input, ctx) => ({
      outcome: 'error',
      output: {
        response: { statusCode: 400, body: { headers: ctx.request.headers.get('authorization') } },
      },
    }))
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(200)
    const text = await visible(response)
    expect(text).not.toContain(TOKEN)
    expect(text).toContain('[redacted]')
    const error = await browser.callConnector('slack', '9.1', SEND_MESSAGE).catch((e: unknown) => e)
    expect(JSON.stringify(error)).not.toContain(TOKEN)
  })

  it('is in no header, even when an upstream echoes it in its request id', async () => {
    const { mock, call } = setup()
    mock.fail({
      status: 503,
      headers: { 'x-request-id': `Bearer ${TOKEN}` },
      match: { route: 'call' },
    })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(503)
    // Core redacts Tray's request id, and the handler drops a header that still holds the token.
    expect(response.headers.get('x-tray-request-id') ?? '').not.toContain(TOKEN)
    expect(await visible(response)).not.toContain(TOKEN)
  })

  it('is removed however JSON spells it', async () => {
    const quoted = 'tok"en\\with-escapes'
    const { mock, call } = setup({ token: () => quoted }, { tokens: [quoted] })
    mock.handle('slack', 'send_message', () => ({ leaked: `x${quoted}y` }))
    const response = await call(SEND_MESSAGE)
    expect(await response.json()).toEqual({
      outcome: 'success',
      output: { leaked: 'x[redacted]y' },
    })
  })

  it('is removed when a per-request token is echoed, too', async () => {
    const userToken = 'user-token-Zq81mRt5'
    const { mock, call } = setup({ token: () => userToken }, { tokens: [userToken] })
    mock.handle('slack', 'send_message', (_input, ctx) => ({
      echo: ctx.request.headers.get('authorization'),
    }))
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      outcome: 'success',
      output: { echo: 'Bearer [redacted]' },
    })
  })
})

/** Undoes every spelling a log or a JSON reader may turn back into the token's characters. */
function decoded(text: string): string {
  return text
    .replace(/\\+u([0-9a-fA-F]{4})/g, (_m, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    )
    .replace(/\\+\//g, '/')
    .replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    )
}

/** The runs of 12 or more characters of `token` found in `text`, once decoded. */
function fragments(token: string, text: string): string[] {
  const plain = decoded(text)
  const found: string[] = []
  for (let i = 0; i + 12 <= token.length; i++) {
    const piece = token.slice(i, i + 12)
    if (plain.includes(piece)) found.push(piece)
  }
  return found
}

/** Every surface a log shows of an error. */
function errorSurfaces(error: unknown): string[] {
  return [String((error as Error).message), JSON.stringify(error), inspect(error, { depth: 10 })]
}

describe('a token that Tray echoes escaped, after a long message', () => {
  const SPECIAL = 'tray+user/7Hq2ZkP9xLw4Qe8'
  const padding = 'p'.repeat(460)
  const perChar = (t: string) =>
    [...t].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
  const spellings: [string, (t: string) => string][] = [
    ['each character as \\uXXXX', perChar],
    ['with \\/ and \\u002B', (t) => t.replaceAll('/', '\\/').replaceAll('+', '\\u002B')],
    ['half escaped', (t) => t.slice(0, 10) + perChar(t.slice(10))],
  ]

  it.each(spellings)('reaches neither the browser nor onError: %s', async (_name, spell) => {
    for (const status of [400, 500]) {
      const onError = vi.fn()
      const { mock, call, browser } = setup(
        { token: () => SPECIAL, onError },
        { tokens: [SPECIAL] },
      )
      const body = `{"message":"${padding}Bearer ${spell(SPECIAL)} rejected","code":null}`
      mock.fail({ status, body, match: { route: 'call' } })

      const response = await call(SEND_MESSAGE)
      expect(response.status).toBe(status)
      const text = await visible(response)
      expect(fragments(SPECIAL, text)).toEqual([])
      expect(
        fragments(SPECIAL, JSON.stringify(JSON.parse(text.slice(text.indexOf('\n\n') + 2)))),
      ).toEqual([])

      const error = await browser
        .callConnector('slack', '9.1', SEND_MESSAGE)
        .catch((e: unknown) => e)
      for (const surface of errorSurfaces(error)) expect(fragments(SPECIAL, surface)).toEqual([])

      if (status >= 500) {
        expect(onError).toHaveBeenCalled()
        for (const [seen] of onError.mock.calls) {
          for (const surface of errorSurfaces(seen)) expect(fragments(SPECIAL, surface)).toEqual([])
        }
      }
    }
  })
})

describe("a call's output that echoes part of the token", () => {
  it.each([
    ['cut before its last character', `Bearer ${TOKEN.slice(0, -1)}`],
    ['from its third character on', `…${TOKEN.slice(2)}`],
    [
      'in a JSON text quoted as a string',
      JSON.stringify({ h: `Bearer ${TOKEN}` }).replaceAll('a', '\\u0061'),
    ],
  ])('is redacted from the 200 the browser gets: %s', async (_name, echo) => {
    const { mock, call } = setup()
    mock.handle('slack', 'send_message', () => ({ note: `${'p'.repeat(460)}${echo}` }))
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(200)
    const text = await visible(response)
    expect(fragments(TOKEN, text)).toEqual([])
    expect(text).toContain('[redacted]')
  })
})

describe('what onError gets', () => {
  it('is a redacted copy of the same class when the error holds the token', async () => {
    class SessionStoreError extends Error {
      readonly detail: { header: string }
      constructor(message: string, detail: { header: string }, cause: unknown) {
        super(message, { cause })
        this.detail = detail
      }
    }
    const escaped = JSON.stringify({ auth: `Bearer ${TOKEN}` }).replaceAll('-', '\\u002d')
    const failure = new SessionStoreError(
      `lookup failed for ${TOKEN.slice(2)}`,
      { header: `Bearer ${TOKEN}` },
      new Error(`upstream said ${escaped}`),
    )
    const onError = vi.fn()
    const { call } = setup({
      authorize: () => {
        throw failure
      },
      onError,
    })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(500)
    expect(onError).toHaveBeenCalledOnce()
    const seen = onError.mock.calls[0]?.[0] as SessionStoreError
    expect(seen).toBeInstanceOf(SessionStoreError)
    expect(seen.message).toBe('lookup failed for [redacted]')
    expect(seen.detail).toEqual({ header: 'Bearer [redacted]' })
    expect(seen.stack).not.toContain(TOKEN.slice(2))
    for (const surface of [...errorSurfaces(seen), String(seen.stack)]) {
      expect(fragments(TOKEN, surface)).toEqual([])
    }
  })

  it('is the error itself when it holds no token', async () => {
    const failure = new Error('session store down')
    const onError = vi.fn()
    const { call } = setup({
      authorize: () => {
        throw failure
      },
      onError,
    })
    expect((await call(SEND_MESSAGE)).status).toBe(500)
    expect(onError.mock.calls[0]?.[0]).toBe(failure)
  })
})
