import { createMockTray } from '@traykit/testing'
import { expect } from 'vitest'
import { createTrayHandler } from '../create-tray-handler'
import { echoCatalog } from './echo-catalog'
import { TOKEN } from './setup'

/** What a signed-in caller sends; `authorize` accepts nothing else. */
export const FUZZ_SESSION = 'Bearer fuzz-session'

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
/** Every URL the handler may fetch: a known route, each name one encoded segment. */
const UPSTREAM =
  /^http:\/\/tray\.test\/core\/v1\/connectors(?:\/([^/?#]+)\/versions\/([^/?#]+)\/(?:operations|call))?$/
/** The codes of the handler's own refusals: none of them may let a call reach Tray. */
const REFUSALS = new Set([
  'invalid_json',
  'invalid_payload',
  'invalid_input',
  'unauthorized',
  'operation_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'not_found',
  'origin_not_allowed',
])

/** What a checked answer was. */
export interface FuzzAnswer {
  status: number
  code: unknown
}

/**
 * The handler in front of a mock with an operation that takes any input (`echo`), every
 * upstream URL recorded, and `send`, which fails unless an answer is one a hostile caller may
 * get. `faulty: true` is for a mock with injected faults: then a 502/504 or Tray's own 5xx may
 * answer, and billing is not checked (a fault answers for Tray).
 */
export function fuzzTarget(options: { faulty?: boolean } = {}) {
  const mock = createMockTray({ tokens: [TOKEN], catalog: echoCatalog })
  const urls: string[] = []
  const handler = createTrayHandler({
    token: TOKEN,
    authorize: (c) => c.req.header('authorization') === FUZZ_SESSION,
    allow: { slack: ['send_message'], echo: '*' },
    baseUrl: 'http://tray.test',
    maxRetries: 0,
    // Every read reaches a faulty upstream, instead of the first one's cached answer.
    ...(options.faulty && { cache: false }),
    fetch: (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input))
      return mock.fetch(input, init)
    },
  })
  const prototypes = prototypeState()

  async function send(path: string, init: RequestInit): Promise<FuzzAnswer> {
    const tasks = mock.tasks
    const calls = mock.calls.length
    const fetched = urls.length
    const response = await handler.request(path, init)
    const text = await response.text()

    const { status } = response
    if (options.faulty) expect(status, text).toBeGreaterThanOrEqual(200)
    else expect(status === 200 || (status >= 400 && status < 500), `${status} ${text}`).toBe(true)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const answer = JSON.parse(text) as { message?: unknown; code?: unknown }
    expect(answer.code, text).not.toBe('internal_error')
    if (status >= 400) {
      expect(typeof answer.message === 'string' && answer.message.length > 0, text).toBe(true)
      expect(answer.code === null || typeof answer.code === 'string', text).toBe(true)
    }
    expect(response.headers.get('x-request-id')).toMatch(SAFE_ID)
    expect(`${[...response.headers].join('\n')}\n${text}`).not.toContain(TOKEN)

    const forwarded = mock.calls.slice(calls).filter((call) => call.route === 'call')
    if (typeof answer.code === 'string' && REFUSALS.has(answer.code)) expect(forwarded).toEqual([])
    if (!options.faulty) {
      // Billed exactly when the call itself answered.
      const billed = status === 200 && init.method === 'POST' ? 1 : 0
      expect(mock.tasks - tasks, text).toBe(billed)
    }
    for (const url of urls.slice(fetched)) expectInsideTray(url)
    expect(prototypeState()).toEqual(prototypes)
    return { status, code: answer.code }
  }

  return { mock, send }
}

function expectInsideTray(url: string): void {
  const match = UPSTREAM.exec(url)
  expect(match, url).not.toBeNull()
  for (const segment of match?.slice(1) ?? []) {
    if (segment === undefined) continue
    // Encoded the one canonical way, and never a dot segment a URL parser would resolve.
    expect(encodeURIComponent(decodeURIComponent(segment))).toBe(segment)
    expect(decodeURIComponent(segment)).not.toMatch(/^\.{1,2}$/)
  }
}

/** What a prototype-polluting body would change. */
function prototypeState(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].map((proto) =>
    Object.getOwnPropertyNames(proto).sort().join(),
  )
}
