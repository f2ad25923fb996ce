// The CLI's exit codes come from core's one error table: each error class ends the process with
// the code its outcome gives, and those are the README's codes (1 failure, 2 input, 3 token).
import {
  createApiError,
  TrayAbortError,
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
import { testIo } from './__fixtures__/cli-runs'
import { EXIT } from './cli-error'
import { runWithIo } from './cli-io'
import { exitCodeOf } from './exit-code-of'
import { reportError } from './report-error'

const ISSUES = [{ path: 'channel', message: 'is required' }]

const ERRORS: [string, unknown, number][] = [
  ['an input refused before sending', new TrayValidationError('bad input', ISSUES), EXIT.usage],
  [
    "Tray's own 400 refusing the input",
    new TrayValidationError('bad input', ISSUES, {
      status: 400,
      code: 'invalid_input',
      requestId: 'req-400',
      body: {},
    }),
    EXIT.usage,
  ],
  ['a 400 of Tray', createApiError({ status: 400, message: 'bad' }), EXIT.usage],
  ['a rejected token (401)', createApiError({ status: 401, message: 'no' }), EXIT.credentials],
  ['a 403 of Tray', createApiError({ status: 403, message: 'no' }), EXIT.failure],
  ['a 404 of Tray', createApiError({ status: 404, message: 'gone' }), EXIT.failure],
  ['a 429 of Tray', createApiError({ status: 429, message: 'slow' }), EXIT.failure],
  ['a 503 of Tray', createApiError({ status: 503, message: 'down' }), EXIT.failure],
  [
    'an edge refusing the operation',
    new TrayGatewayError(403, 'operation_not_allowed', 'no'),
    EXIT.failure,
  ],
  [
    "a third party's failure",
    new TrayConnectorError({ message: 'boom' }, { connector: 'slack', operation: 'send_message' }),
    EXIT.failure,
  ],
  ['an abort', new TrayAbortError(), EXIT.failure],
  ['a full queue', new TrayOverloadedError('full', { retryAfterMs: 10 }), EXIT.failure],
  ['a timeout', new TrayTimeoutError(10), EXIT.failure],
  ['a refused connection', new TrayConnectionError('refused', { beforeSend: true }), EXIT.failure],
  [
    'an answer too large',
    new TrayResponseTooLargeError('big', { status: 200, limitBytes: 9 }),
    EXIT.failure,
  ],
  [
    'an answer of another shape',
    new TrayResponseError('x', { status: 200, path: '' }),
    EXIT.failure,
  ],
  ['another TrayError', new TrayError('odd'), EXIT.failure],
  ['a bug', new TypeError('x is undefined'), EXIT.failure],
]

function exitOf(error: unknown): Promise<number> {
  return runWithIo(testIo(), async () =>
    reportError(error, { json: true, debug: false, command: 'traykit call' }),
  )
}

describe('the CLI agrees with core’s error table', () => {
  it.each(ERRORS)('ends %s with the exit code errorOutcome gives', async (_, error, code) => {
    expect(exitCodeOf(errorOutcome(error))).toBe(code)
    expect(await exitOf(error)).toBe(code)
  })
})
