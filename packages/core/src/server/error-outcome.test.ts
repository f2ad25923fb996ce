import { describe, expect, it } from 'vitest'
import { scriptedFetch } from '../client/__fixtures__/scripted-fetch'
import { createTrayClient } from '../client/create-tray-client'
import { createRedactor } from '../client/redactor'
import { createApiError } from '../errors/tray-api-error'
import { TrayConnectorError } from '../errors/tray-connector-error'
import { TrayError } from '../errors/tray-error'
import { TrayOverloadedError } from '../errors/tray-overloaded-error'
import { TrayResponseTooLargeError } from '../errors/tray-response-too-large-error'
import {
  TrayAbortError,
  TrayConnectionError,
  TrayResponseError,
  TrayTimeoutError,
} from '../errors/tray-transport-errors'
import { TrayValidationError } from '../errors/tray-validation-error'
import { type ErrorOutcome, errorOutcome } from './error-outcome'
import { TrayGatewayError } from './tray-gateway-error'

type Row = Pick<ErrorOutcome, 'code' | 'status' | 'retryable' | 'billed'>

const ISSUES = [{ path: 'channel', message: 'is required' }]

describe('errorOutcome: the one error table', () => {
  it.each<[string, unknown, Row]>([
    [
      'a refusal of the gateway',
      new TrayGatewayError(403, 'operation_not_allowed', 'no'),
      { code: 'operation_not_allowed', status: 403, retryable: false, billed: false },
    ],
    [
      'a gateway refusal with a retry time',
      new TrayGatewayError(429, 'quota', 'later', { retryAfterMs: 2000 }),
      { code: 'quota', status: 429, retryable: true, billed: false },
    ],
    [
      'an input refused before sending',
      new TrayValidationError('bad input', ISSUES),
      { code: 'invalid_input', status: 400, retryable: false, billed: false },
    ],
    [
      "Tray's own 400 refusing the input",
      new TrayValidationError('bad input', ISSUES, {
        status: 400,
        code: 'CONNECTOR_INPUT_VALIDATION',
        requestId: 'req-1',
        body: {},
      }),
      { code: 'invalid_input', status: 400, retryable: false, billed: false },
    ],
    [
      'a 400 of Tray',
      createApiError({ status: 400, message: 'bad', code: 'bad_thing' }),
      { code: 'bad_thing', status: 400, retryable: false, billed: false },
    ],
    [
      'a 401 of Tray without a code',
      createApiError({ status: 401, message: 'no token' }),
      { code: 'unauthorized', status: 401, retryable: false, billed: false },
    ],
    [
      'a 403 of Tray',
      createApiError({ status: 403, message: 'forbidden' }),
      { code: 'forbidden', status: 403, retryable: false, billed: false },
    ],
    [
      'a 404 of Tray',
      createApiError({ status: 404, message: 'gone' }),
      { code: 'not_found', status: 404, retryable: false, billed: false },
    ],
    [
      'a 429 of Tray',
      createApiError({ status: 429, message: 'slow down', retryAfterMs: 3000 }),
      { code: 'rate_limited', status: 429, retryable: true, billed: false },
    ],
    [
      'a 409 of Tray',
      createApiError({ status: 409, message: 'conflict' }),
      { code: 'request_refused', status: 409, retryable: false, billed: false },
    ],
    [
      'a 500 of Tray (the call may have run)',
      createApiError({ status: 500, message: 'oops' }),
      { code: 'upstream_error', status: 500, retryable: false, billed: 'unknown' },
    ],
    [
      'a 503 of Tray with its code',
      createApiError({ status: 503, message: 'down', code: 'maintenance' }),
      { code: 'maintenance', status: 503, retryable: false, billed: 'unknown' },
    ],
    [
      'a non-error status (a redirect fetch kept)',
      createApiError({ status: 302, message: 'moved' }),
      { code: 'upstream_error', status: 502, retryable: false, billed: 'unknown' },
    ],
    [
      "a third party's failure (the call ran)",
      new TrayConnectorError(
        { message: 'channel_not_found', response: { statusCode: 404 } },
        { connector: 'slack', operation: 'send_message' },
      ),
      { code: 'connector_error', status: 502, retryable: false, billed: true },
    ],
    [
      'an abandoned request',
      new TrayAbortError(),
      { code: 'client_closed_request', status: 499, retryable: false, billed: 'unknown' },
    ],
    [
      "a full queue of the client's own",
      new TrayOverloadedError('full', { retryAfterMs: 250 }),
      { code: 'overloaded', status: 503, retryable: true, billed: false },
    ],
    [
      'a timeout',
      new TrayTimeoutError(30_000, 'the call may have run'),
      { code: 'upstream_timeout', status: 504, retryable: false, billed: 'unknown' },
    ],
    [
      'a connection refused before sending',
      new TrayConnectionError('refused', { beforeSend: true }),
      { code: 'upstream_unreachable', status: 502, retryable: true, billed: false },
    ],
    [
      'a connection broken after sending',
      new TrayConnectionError('reset', { beforeSend: false }),
      { code: 'upstream_unreachable', status: 502, retryable: false, billed: 'unknown' },
    ],
    [
      'an answer too large to read',
      new TrayResponseTooLargeError('big', { status: 200, limitBytes: 1024 }),
      { code: 'upstream_too_large', status: 502, retryable: false, billed: 'unknown' },
    ],
    [
      'a redirect',
      new TrayResponseError('moved', { status: 0, path: '' }),
      { code: 'upstream_redirect', status: 502, retryable: false, billed: 'unknown' },
    ],
    [
      'an answer of another shape',
      new TrayResponseError('bad shape', { status: 200, path: 'elements' }),
      { code: 'upstream_invalid_response', status: 502, retryable: false, billed: 'unknown' },
    ],
    [
      'any other TrayError',
      new TrayError('the token function returned no token'),
      { code: 'internal_error', status: 500, retryable: false, billed: 'unknown' },
    ],
    [
      'a bug',
      new TypeError('x is undefined'),
      { code: 'internal_error', status: 500, retryable: false, billed: 'unknown' },
    ],
    [
      'a thrown string',
      'boom',
      { code: 'internal_error', status: 500, retryable: false, billed: 'unknown' },
    ],
  ])('maps %s', (_, error, row) => {
    expect(errorOutcome(error)).toMatchObject(row)
  })

  it('keeps the issues, the retry time, the request id and the third party’s message', () => {
    expect(errorOutcome(new TrayValidationError('bad input', ISSUES))).toEqual({
      code: 'invalid_input',
      status: 400,
      retryable: false,
      billed: false,
      message: 'bad input\n  - channel: is required',
      issues: ISSUES,
    })
    const limited = errorOutcome(
      createApiError({ status: 429, message: 'slow', retryAfterMs: 3000, requestId: 'req-9' }),
    )
    expect(limited).toMatchObject({ retryAfterMs: 3000, requestId: 'req-9', message: 'slow' })
    const failed = errorOutcome(
      new TrayConnectorError(
        { message: 'channel_not_found' },
        { connector: 'slack', operation: 'send_message' },
      ),
    )
    expect(failed.thirdPartyMessage).toBe('channel_not_found')
    expect(failed.message).toBe('slack send_message failed: channel_not_found')
    expect(errorOutcome(new TrayOverloadedError('full', { retryAfterMs: 0 })).retryAfterMs).toBe(1)
  })

  it('says nothing of the internals of an unknown error', () => {
    const outcome = errorOutcome(new Error('ECONNRESET at /srv/app/secret-path.js:12'))
    expect(outcome.message).toBe('The Tray handler failed; the server log has the details')
  })

  it('redacts the token from every text it gives, when given a redactor', () => {
    const token = 'tray-master-7Hq2ZkP9xLw4'
    const redact = createRedactor(token)
    const outcomes = [
      errorOutcome(new TrayGatewayError(400, 'x', `bad ${token}`, { issues: ISSUES }), redact),
      errorOutcome(
        new TrayValidationError('bad', [{ path: 'a', message: `not ${token}` }]),
        redact,
      ),
      errorOutcome(
        new TrayConnectorError(
          { message: `echo Bearer ${token}` },
          { connector: 'slack', operation: 'send_message' },
        ),
        redact,
      ),
      errorOutcome(
        createApiError({ status: 404, message: `no ${token}`, requestId: token }),
        redact,
      ),
    ]
    const text = JSON.stringify(outcomes)
    expect(text).not.toContain(token)
    expect(text).not.toContain(token.slice(0, 12))
    expect(text).toContain('[redacted]')
  })
})

describe('errorOutcome of what a real client throws', () => {
  const call = { operation: 'send_message', input: { text: 'hi' } }

  it('a call refused before sending: not billed, safe to send again', async () => {
    const { fetch } = scriptedFetch({ networkError: 'ECONNREFUSED' })
    const tray = createTrayClient({
      token: 'tok',
      baseUrl: 'http://tray.test',
      fetch,
      maxRetries: 0,
    })
    const error = await tray
      .callConnector('slack', '9.1', call, { validate: false })
      .catch((e) => e)
    expect(errorOutcome(error)).toMatchObject({ billed: false, retryable: true, status: 502 })
  })

  it('a call whose answer never came: it may have been billed, and is not sent again', async () => {
    const { fetch } = scriptedFetch({ stall: 'headers' })
    const tray = createTrayClient({
      token: 'tok',
      baseUrl: 'http://tray.test',
      fetch,
      timeout: 50,
      maxRetries: 0,
    })
    const error = await tray
      .callConnector('slack', '9.1', call, { validate: false })
      .catch((e) => e)
    expect(errorOutcome(error)).toMatchObject({
      code: 'upstream_timeout',
      billed: 'unknown',
      retryable: false,
    })
  })

  it("a third party's failure: billed, with the third party's message", async () => {
    const { fetch } = scriptedFetch({
      status: 200,
      body: { outcome: 'error', output: { message: 'channel_not_found' } },
    })
    const tray = createTrayClient({
      token: 'tok',
      baseUrl: 'http://tray.test',
      fetch,
      maxRetries: 0,
    })
    const error = await tray
      .callConnector('slack', '9.1', call, { validate: false })
      .catch((e) => e)
    expect(errorOutcome(error)).toMatchObject({
      billed: true,
      retryable: false,
      thirdPartyMessage: 'channel_not_found',
    })
  })
})
