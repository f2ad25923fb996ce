import type { MockTray } from '../index'

/** The token the raw-request tests send. */
export const TOKEN = 'test-token-0f3c9a'

/** A slack 9.1 send_message call body that the default catalog answers with a success. */
export const SEND_MESSAGE = { operation: 'send_message', input: { channel: 'C1', text: 'hi' } }

/** What a raw request may carry besides its method and path. */
export interface SendOptions {
  body?: unknown
  token?: string | null
  headers?: Record<string, string>
  signal?: AbortSignal
}

/** A raw request to a mock, the way any HTTP client would make it; the body parsed when JSON. */
export async function send(
  mock: MockTray,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers }
  const token = options.token === undefined ? TOKEN : options.token
  if (token !== null) headers.authorization = `Bearer ${token}`
  let body: string | undefined
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  const response = await mock.fetch(`http://tray.test${path}`, {
    method,
    headers,
    body,
    signal: options.signal,
  })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  return { status: response.status, body: parsed, text, headers: response.headers }
}

/** The call path of a connector version. */
export const callPath = (connector: string, version: string) =>
  `/core/v1/connectors/${connector}/versions/${version}/call`

/** A raw POST of `body` to the call route of a connector version. */
export const call = (
  mock: MockTray,
  connector: string,
  version: string,
  body: unknown,
  options: Omit<SendOptions, 'body'> = {},
) => send(mock, 'POST', callPath(connector, version), { ...options, body })
