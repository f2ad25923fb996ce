import { describe, expect, it } from 'vitest'
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
