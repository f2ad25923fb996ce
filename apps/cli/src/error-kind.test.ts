// The `type` of every `--json` error: one snake_case kind per failure, never a class name.
import { createServer } from 'node:net'
import {
  createApiError,
  TrayAbortError,
  TrayConnectionError,
  TrayConnectorError,
  TrayError,
  TrayResponseError,
  TrayTimeoutError,
  TrayValidationError,
} from '@traykit/core'
import { useMockTray } from '@traykit/testing/vitest'
import { beforeEach, describe, expect, it } from 'vitest'
import { runInProcess, tempHome } from './__fixtures__/cli-runs'
import { setFlags } from './__fixtures__/set-flags'
import { CliError, EXIT, usageError } from './cli-error'
import { MOCK_AUTH_ID } from './client/create-cli-mock'
import { type ErrorKind, errorKind } from './error-kind'

const TOKEN = 'tk_live_KINDS_0123456789abcdef'
const tray = useMockTray({
  listen: true,
  tokens: [TOKEN],
  authentications: [{ id: MOCK_AUTH_ID, name: 'test auth', serviceEnvironmentId: 'env-1' }],
})

/** Every kind the README lists, in its order. */
const KINDS: ErrorKind[] = [
  'usage_error',
  'validation_error',
  'credentials_error',
  'tray_api_error',
  'connector_error',
  'network_error',
  'response_error',
  'tray_error',
  'internal_error',
]

describe('errorKind', () => {
  const citty = Object.assign(new Error('Missing required positional argument: X'), {
    name: 'CLIError',
  })
  it.each<[string, unknown, ErrorKind]>([
    ['a usage mistake', usageError('bad flag'), 'usage_error'],
    ["citty's own argument error", citty, 'usage_error'],
    ['input that does not fit the schema', new TrayValidationError('bad', []), 'validation_error'],
    ['no token', new CliError('no token', EXIT.credentials), 'credentials_error'],
    ['a rejected token (401)', createApiError({ status: 401, message: 'no' }), 'credentials_error'],
    ['a 404', createApiError({ status: 404, message: 'gone' }), 'tray_api_error'],
    ['a 400', createApiError({ status: 400, message: 'bad' }), 'tray_api_error'],
    ['a 503', createApiError({ status: 503, message: 'down' }), 'tray_api_error'],
    [
      "a third party's failure",
      new TrayConnectorError({ message: 'x' }, { connector: 'slack', operation: 'send_message' }),
      'connector_error',
    ],
    [
      'a refused connection',
      new TrayConnectionError('refused', { beforeSend: true }),
      'network_error',
    ],
    ['a timeout', new TrayTimeoutError(10), 'network_error'],
    ['an abort', new TrayAbortError(), 'network_error'],
    [
      'an answer that does not fit',
      new TrayResponseError('bad answer', { status: 200, path: 'elements' }),
      'response_error',
    ],
    ['any other TrayError', new TrayError('other'), 'tray_error'],
    ['a bug', new TypeError('x is undefined'), 'internal_error'],
    ['a thrown string', 'boom', 'internal_error'],
  ])('names %s', (_, error, kind) => {
    expect(errorKind(error)).toBe(kind)
  })

  it('gives each kind the README documents, all in snake_case', () => {
    for (const kind of KINDS) expect(kind).toMatch(/^[a-z]+(_[a-z]+)*_error$/)
  })
})

describe('--json errors of the CLI', () => {
  let env: Record<string, string>
  beforeEach(async () => {
    env = { ...(await tempHome()).env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN }
  })
  const typeOf = async (args: string[], extra: Record<string, string> = {}) => {
    const result = await runInProcess([...args, '--json'], { env: { ...env, ...extra } })
    return (JSON.parse(result.stderr) as { error: { type: string } }).error.type
  }

  it('name each failure by its kind', async () => {
    expect(await typeOf(['conectors'])).toBe('usage_error')
    expect(await typeOf(['operations'])).toBe('usage_error')
    expect(await typeOf(['call', 'slack', 'send_message', ...setFlags('text=hi')])).toBe(
      'validation_error',
    )
    expect(await typeOf(['connectors'], { TRAY_TOKEN: '' })).toBe('credentials_error')
    expect(await typeOf(['connectors'], { TRAY_TOKEN: 'tk_wrong_0123456789' })).toBe(
      'credentials_error',
    )
    expect(await typeOf(['operations', 'nope'])).toBe('tray_api_error')
    expect(
      await typeOf([
        'call',
        'salesforce',
        'get_record',
        ...setFlags('object_type=Account', 'record_id=000000000000'),
        '--auth-id',
        MOCK_AUTH_ID,
      ]),
    ).toBe('connector_error')
    tray.mock.fail({
      status: 200,
      body: { elements: 'not a list' },
      match: { route: 'connectors' },
    })
    expect(await typeOf(['connectors'])).toBe('response_error')
  })

  it('name a server that cannot be reached network_error', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    await new Promise((resolve) => server.close(resolve))
    expect(await typeOf(['connectors'], { TRAY_API_URL: `http://127.0.0.1:${port}` })).toBe(
      'network_error',
    )
  })
})
