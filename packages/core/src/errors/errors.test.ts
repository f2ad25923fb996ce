import { inspect } from 'node:util'
import { describe, expect, it, vi } from 'vitest'
import {
  AUTH_ID,
  OPERATIONS,
  type Step,
  scriptedFetch,
  TOKEN,
} from '../client/__fixtures__/scripted-fetch'
import { createTrayClient } from '../client/create-tray-client'
import {
  createApiError,
  TrayApiError,
  TrayAuthenticationError,
  TrayBadRequestError,
  TrayNotFoundError,
  TrayPermissionError,
  TrayRateLimitError,
  TrayServerError,
} from './tray-api-error'
import { TrayConnectorError } from './tray-connector-error'
import { TrayError } from './tray-error'
import { TrayConnectionError } from './tray-transport-errors'

describe('status → class', () => {
  it.each([
    [400, TrayBadRequestError],
    [401, TrayAuthenticationError],
    [403, TrayPermissionError],
    [404, TrayNotFoundError],
    [429, TrayRateLimitError],
    [500, TrayServerError],
    [503, TrayServerError],
  ])('%i is a %s, a TrayApiError and a TrayError', (status, Class) => {
    const error = createApiError({ status, message: 'm' })
    expect(error).toBeInstanceOf(Class)
    expect(error).toBeInstanceOf(TrayApiError)
    expect(error).toBeInstanceOf(TrayError)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe(Class.kind)
    expect(error.status).toBe(status)
  })

  it('another 4xx is a plain TrayApiError', () => {
    const error = createApiError({ status: 409, message: 'conflict' })
    expect(error).toBeInstanceOf(TrayApiError)
    expect(error).not.toBeInstanceOf(TrayBadRequestError)
  })

  it('keeps Tray message, code, request id and body', async () => {
    const body = {
      message: "Invalid value for: body (Couldn't decode a valid UUID at 'authId')",
      code: null,
    }
    const server = scriptedFetch({ status: 400, body, headers: { 'x-request-id': 'r-9' } })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
    const error = await tray.listConnectors().catch((e: unknown) => e)
    expect(error).toMatchObject({
      status: 400,
      code: null,
      requestId: 'r-9',
      body,
      message: body.message,
    })
  })

  it('quotes the first 500 characters of a message pages long; body keeps it all', async () => {
    const long = `upstream exploded: ${'stack frame\n'.repeat(100_000)}`
    const server = scriptedFetch({ status: 502, body: { message: long, code: 'boom' } })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch, maxRetries: 0 })
    const error = await tray.listConnectors().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayServerError)
    expect((error as TrayServerError).message).toBe(`${long.slice(0, 500)}…`)
    expect((error as TrayServerError).body).toEqual({ message: long, code: 'boom' })
  })
})

describe('instanceof across duplicate installs', () => {
  it('holds for errors made by another copy of the module', async () => {
    vi.resetModules()
    // A query string makes the module loader treat it as another file: a second install.
    const specifier = './tray-api-error?copy'
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./tray-api-error')
    expect(copy.TrayNotFoundError).not.toBe(TrayNotFoundError)
    const error = new copy.TrayNotFoundError({ status: 404, message: 'x' })
    expect(error).toBeInstanceOf(TrayNotFoundError)
    expect(error).toBeInstanceOf(TrayApiError)
    expect(error).toBeInstanceOf(TrayError)
    expect(error).not.toBeInstanceOf(TrayRateLimitError)
    expect(new TrayRateLimitError({ status: 429, message: 'x' })).toBeInstanceOf(
      copy.TrayRateLimitError,
    )
  })

  it('is false for look-alikes and non-errors', () => {
    expect({ name: 'TrayError', message: 'x' }).not.toBeInstanceOf(TrayError)
    expect(null).not.toBeInstanceOf(TrayError)
    expect(new Error('x')).not.toBeInstanceOf(TrayError)
  })
})

describe('the token appears in no error', () => {
  const operationsThenCall = (step: Step): Step[] => [{ status: 200, body: OPERATIONS }, step]
  const scenarios: Array<[string, Step[] | (() => Promise<never>)]> = [
    ['401', operationsThenCall({ status: 401, body: { message: 'The request is unauthorized' } })],
    [
      'a 400 whose body echoes the Authorization header',
      operationsThenCall({
        status: 400,
        body: {
          message: `bad header Bearer ${TOKEN}`,
          headers: { authorization: `Bearer ${TOKEN}` },
        },
      }),
    ],
    [
      'a 500 with an HTML body echoing the token',
      operationsThenCall({ status: 500, body: `<pre>Authorization: Bearer ${TOKEN}</pre>` }),
    ],
    ['a 429', operationsThenCall({ status: 429, body: { message: 'slow' } })],
    ['a refused connection', operationsThenCall({ networkError: 'ECONNREFUSED' })],
    ['a timeout', operationsThenCall({ stall: 'headers' })],
    [
      'a body that does not fit',
      operationsThenCall({ status: 200, body: { outcome: 'maybe', output: {} } }),
    ],
    [
      'a third-party error',
      operationsThenCall({
        status: 200,
        body: { outcome: 'error', output: { message: 'no', response: { statusCode: 401 } } },
      }),
    ],
    ['a validation error', [{ status: 200, body: OPERATIONS }]],
    [
      'a fetch that throws with the token in its message',
      async () => {
        throw new TypeError(`request with Bearer ${TOKEN} failed`, {
          cause: { headers: { authorization: TOKEN } },
        })
      },
    ],
  ]

  for (const [name, script] of scenarios) {
    it(name, async () => {
      const fetch = typeof script === 'function' ? script : scriptedFetch(...script).fetch
      const tray = createTrayClient({ token: TOKEN, fetch, timeout: 50, maxRetries: 0 })
      const input =
        name === 'a validation error' ? { message: TOKEN } : { channel_id: 'C1', message: 'hi' }
      const error = await tray
        .callConnector(
          'slack',
          '9.1',
          { operation: 'send_message', input, authId: AUTH_ID },
          {
            validate: name === 'a validation error',
          },
        )
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TrayError)
      const forms = [
        String(error),
        (error as Error).message,
        (error as Error).stack ?? '',
        JSON.stringify(error),
        inspect(error, { depth: 10, showHidden: true }),
        inspect((error as Error).cause, { depth: 10 }),
      ]
      for (const form of forms) expect(form).not.toContain(TOKEN)
    })
  }

  it("quotes the start of a third party's long body, and keeps it whole in output", () => {
    const page = `<html>${'x'.repeat(1_000_000)}</html>`
    const output = { response: { statusCode: 502, body: page } }
    const error = new TrayConnectorError(output, { connector: 'trello', operation: 'get_board' })
    expect(error.message).toBe(`trello get_board failed with status 502: ${page.slice(0, 500)}…`)
    expect(error.output).toBe(output)
  })

  it('JSON.stringify gives the useful fields', () => {
    const error = new TrayConnectorError(
      { response: { statusCode: 404 }, message: 'gone' },
      { connector: 'trello', operation: 'get_board' },
    )
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'TrayConnectorError',
      message: 'trello get_board failed with status 404: gone',
      connector: 'trello',
      operation: 'get_board',
      statusCode: 404,
      thirdPartyMessage: 'gone',
      output: { response: { statusCode: 404 }, message: 'gone' },
    })
    const connection = new TrayConnectionError('Could not reach x', { beforeSend: true })
    expect(JSON.parse(JSON.stringify(connection))).toEqual({
      name: 'TrayConnectionError',
      message: 'Could not reach x',
      beforeSend: true,
    })
  })
})
