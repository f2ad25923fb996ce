// The edge answers every error as core's one table says (`errorOutcome`): status, code,
// message, issues and Retry-After. Each error is thrown by an `allow` predicate, so it reaches
// the handler's answer as anything thrown while serving a call would.
import {
  createApiError,
  TrayAbortError,
  TrayApiError,
  TrayConnectionError,
  TrayConnectorError,
  TrayError,
  TrayOverloadedError,
  TrayResponseError,
  TrayResponseTooLargeError,
  TrayTimeoutError,
  TrayValidationError,
} from '@traykit/core/client'
import { errorOutcome, TrayGatewayError } from '@traykit/core/server'
import { describe, expect, it } from 'vitest'
import { SEND_MESSAGE, setup } from './__fixtures__/setup'

const ISSUES = [{ path: 'channel', message: 'is required' }]

const ERRORS: [string, unknown][] = [
  ['a gateway refusal', new TrayGatewayError(403, 'plan_limit', 'Not on your plan')],
  ['an input refused before sending', new TrayValidationError('bad input', ISSUES)],
  [
    "Tray's own 400 refusing the input",
    new TrayValidationError('bad input', ISSUES, {
      status: 400,
      code: 'CONNECTOR_INPUT_VALIDATION',
      requestId: 'req-400',
      body: {},
    }),
  ],
  ['a 401 of Tray', createApiError({ status: 401, message: 'no token' })],
  ['a 404 of Tray', createApiError({ status: 404, message: 'gone', code: 'not_found' })],
  ['a 429 of Tray', createApiError({ status: 429, message: 'slow', retryAfterMs: 2500 })],
  ['a 503 of Tray', createApiError({ status: 503, message: 'down', requestId: 'req-503' })],
  [
    "a third party's failure",
    new TrayConnectorError({ message: 'boom' }, { connector: 'slack', operation: 'send_message' }),
  ],
  ['an abort', new TrayAbortError()],
  ['a full queue', new TrayOverloadedError('full', { retryAfterMs: 1200 })],
  ['a timeout', new TrayTimeoutError(10, 'the call may have run')],
  ['a refused connection', new TrayConnectionError('refused', { beforeSend: true })],
  ['an answer too large', new TrayResponseTooLargeError('big', { status: 200, limitBytes: 99 })],
  ['a redirect', new TrayResponseError('moved', { status: 302, path: '' })],
  ['another TrayError', new TrayError('odd')],
  ['a bug', new TypeError('x is undefined')],
]

describe('the edge agrees with core’s error table', () => {
  it.each(ERRORS)('answers %s as errorOutcome says', async (_, error) => {
    const { mock, call } = setup({
      allow: () => {
        throw error
      },
    })
    const response = await call(SEND_MESSAGE)
    const outcome = errorOutcome(error)
    const body = (await response.json()) as Record<string, unknown>
    expect(response.status).toBe(outcome.status)
    expect(body.message).toBe(outcome.message)
    expect(body.issues).toEqual(outcome.issues)
    // Tray's own answers keep Tray's code (null when it gave none); every other one is core's.
    const trays = error instanceof TrayApiError && !(error instanceof TrayValidationError)
    expect(body.code).toBe(trays ? error.code : outcome.code)
    const retryAfter = response.headers.get('retry-after')
    expect(retryAfter).toBe(
      outcome.retryAfterMs === undefined ? null : String(Math.ceil(outcome.retryAfterMs / 1000)),
    )
    expect(response.headers.get('x-tray-request-id')).toBe(outcome.requestId ?? null)
    expect(mock.calls).toEqual([])
  })

  it("answers a 400 that refused the input as invalid_input, whatever the server's code", async () => {
    const { call } = setup({
      allow: () => {
        throw ERRORS[2]?.[1]
      },
    })
    const response = await call(SEND_MESSAGE)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      message: 'bad input\n  - channel: is required',
      code: 'invalid_input',
      issues: ISSUES,
    })
    expect(response.headers.get('x-tray-request-id')).toBe('req-400')
  })
})
