import { describe, expect, it } from 'vitest'
import { TrayValidationError } from '../errors/tray-validation-error'
import { AUTH_ID, OPERATIONS, scriptedFetch, TOKEN } from './__fixtures__/scripted-fetch'
import { createTrayClient } from './create-tray-client'
import { parseCallPayload } from './parse-call-payload'

function refusal(value: unknown): TrayValidationError {
  try {
    parseCallPayload(value)
  } catch (error) {
    expect(error).toBeInstanceOf(TrayValidationError)
    return error as TrayValidationError
  }
  throw new Error('parseCallPayload accepted it')
}

describe('parseCallPayload', () => {
  it('returns a copy holding only the payload fields', () => {
    const input = { channel: 'C1', text: 'hi' }
    expect(parseCallPayload({ operation: 'send_message', input, authId: AUTH_ID })).toEqual({
      operation: 'send_message',
      input,
      authId: AUTH_ID,
    })
    expect(parseCallPayload({ operation: 'x', input: {}, returnOutputSchema: true })).toEqual({
      operation: 'x',
      input: {},
      returnOutputSchema: true,
    })
  })

  it('names an unknown key, with a did you mean', () => {
    const error = refusal({ operation: 'send_message', input: {}, authID: AUTH_ID })
    expect(error.issues).toEqual([
      {
        path: 'authID',
        message:
          'unknown field (did you mean "authId"?); a call payload has operation, input, authId, returnOutputSchema',
      },
    ])
    expect(error.message).toContain('authID: unknown field (did you mean "authId"?)')
    expect(refusal({ operation: 'x', input: {}, whatever: 1 }).issues[0]?.message).toMatch(
      /^unknown field; a call payload has/,
    )
  })

  it('refuses __proto__, constructor and prototype keys of parsed JSON', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body = JSON.parse(`{"operation":"x","input":{},"${key}":{"authId":"${AUTH_ID}"}}`)
      expect(refusal(body).issues).toEqual([
        { path: key, message: expect.stringMatching(/^refused: not a call payload field/) },
      ])
    }
  })

  it('refuses what is not a payload, and a malformed field', () => {
    for (const value of [null, [], 'x', 1]) expect(refusal(value).issues[0]?.path).toBe('')
    expect(refusal({ operation: '', input: {} }).issues).toEqual([
      { path: 'operation', message: 'must not be empty' },
    ])
    expect(refusal({ operation: 'x', input: {}, authId: 'nope' }).issues).toEqual([
      { path: 'authId', message: 'must be a UUID' },
    ])
  })

  it('applies the input bounds before anything walks the input', () => {
    let deep: Record<string, unknown> = {}
    for (let i = 0; i < 200; i++) deep = { a: deep }
    expect(refusal({ operation: 'x', input: deep }).issues[0]).toEqual({
      path: expect.stringMatching(/^input\.a(\.a)*$/),
      message: 'nested more than 128 levels deep',
    })
    const wide = Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`k${i}`, i]))
    expect(refusal({ operation: 'x', input: wide }).issues[0]?.message).toMatch(
      /80000 fields, more than the 10000 allowed/,
    )
  })
})

describe('callConnector is strict about its payload', () => {
  it('refuses authID with nothing sent, validated or not', async () => {
    for (const validate of [true, false]) {
      const server = scriptedFetch({ status: 200, body: OPERATIONS })
      const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
      const payload = JSON.parse(
        `{"operation":"send_message","input":{"channel_id":"C1","message":"hi"},"authID":"${AUTH_ID}"}`,
      )
      const error = await tray
        .callConnector('slack', '9.1', payload, { validate })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TrayValidationError)
      expect((error as Error).message).toContain('did you mean "authId"?')
      expect(server.requests).toHaveLength(0)
    }
  })
})
