import { describe, expect, it } from 'vitest'
import { TrayApiError, TrayBadRequestError } from '../errors/tray-api-error'
import { TrayError } from '../errors/tray-error'
import { TrayValidationError } from '../errors/tray-validation-error'
import { AUTH_ID, scriptedFetch, TOKEN } from './__fixtures__/scripted-fetch'
import { createTrayClient } from './create-tray-client'

async function callAgainst(body: unknown, headers: Record<string, string> = {}) {
  const server = scriptedFetch({ status: 400, body, headers })
  const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
  const error = await tray
    .callConnector(
      'slack',
      '9.1',
      { operation: 'send_message', input: { text: 'hi' }, authId: AUTH_ID },
      { validate: false, idempotent: true },
    )
    .catch((e: unknown) => e)
  return { error, server }
}

describe("a server's 400 that refused the input is a TrayValidationError", () => {
  it("the edge's invalid_input: its issues, status, code, request id and body", async () => {
    const body = {
      message:
        'Input for slack@9.1 send_message is invalid; nothing was sent\n  - input.channel: channel is required',
      code: 'invalid_input',
      issues: [{ path: 'input.channel', message: 'channel is required' }],
    }
    const { error, server } = await callAgainst(body, { 'x-request-id': 'r-1' })
    expect(error).toBeInstanceOf(TrayValidationError)
    expect(error).toMatchObject({
      name: 'TrayValidationError',
      issues: [{ path: 'input.channel', message: 'channel is required' }],
      status: 400,
      code: 'invalid_input',
      requestId: 'r-1',
      body,
      message: body.message,
    })
    // Code written for the 400 it was before still matches, and it is not retried.
    expect(error).toBeInstanceOf(TrayBadRequestError)
    expect(error).toBeInstanceOf(TrayApiError)
    expect(error).toBeInstanceOf(TrayError)
    expect(server.requests).toHaveLength(1)
  })

  it("Tray's own 400: the numbered items become issues under input", async () => {
    const message =
      'Connector input validation failed. Schema validation errors: [ 1 - #: required key [channel] not found ]'
    const { error } = await callAgainst({ message, code: null })
    expect(error).toBeInstanceOf(TrayValidationError)
    expect(error).toMatchObject({
      issues: [{ path: 'input.channel', message: 'required key [channel] not found' }],
      status: 400,
      code: null,
      body: { message, code: null },
    })
    expect((error as Error).message).toBe(
      'Connector input validation failed.\n  - input.channel: required key [channel] not found',
    )
  })

  it('several items, JSON pointer paths and extraneous keys', async () => {
    const message =
      'Connector input validation failed. Schema validation errors: [ 1 - #: required key [channel] not found, 2 - #/blocks/0/type: expected type: String, found: Integer, 3 - #: extraneous key [chanel] is not permitted, 4 - something else ]'
    const { error } = await callAgainst({ message, code: null })
    expect((error as TrayValidationError).issues).toEqual([
      { path: 'input.channel', message: 'required key [channel] not found' },
      { path: 'input.blocks.0.type', message: 'expected type: String, found: Integer' },
      { path: 'input.chanel', message: 'extraneous key [chanel] is not permitted' },
      { path: '', message: 'something else' },
    ])
  })

  it('a message it cannot read is one issue with the whole message', async () => {
    const message = 'Connector input validation failed: the input is not valid'
    const { error } = await callAgainst({ message, code: null })
    expect(error).toBeInstanceOf(TrayValidationError)
    expect((error as TrayValidationError).issues).toEqual([{ path: '', message }])
  })

  it('other 400s stay TrayBadRequestError', async () => {
    for (const body of [
      { message: "Invalid value for: body (Couldn't decode a valid UUID at 'authId')", code: null },
      { message: 'bad', code: 'invalid_input', issues: [] },
      { message: 'bad', code: 'invalid_input', issues: [{ path: 1 }] },
      'Connector input validation failed, as plain text',
    ]) {
      const { error } = await callAgainst(body)
      expect(error).toBeInstanceOf(TrayBadRequestError)
      expect(error).not.toBeInstanceOf(TrayValidationError)
    }
  })

  it('a 422 or 500 with issues is not a validation error', async () => {
    const server = scriptedFetch({
      status: 422,
      body: { message: 'x', issues: [{ path: '', message: 'm' }] },
    })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
    const error = await tray.listConnectors().catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(TrayValidationError)
  })

  it('reads at most 100 issues, each clipped', async () => {
    const issues = Array.from({ length: 5_000 }, (_, i) => ({
      path: `input.f${i}`,
      message: 'm'.repeat(1_000),
    }))
    const { error } = await callAgainst({ message: 'bad', code: 'invalid_input', issues })
    expect((error as TrayValidationError).issues).toHaveLength(100)
    expect((error as TrayValidationError).issues[0]?.message).toHaveLength(501)
  })
})
