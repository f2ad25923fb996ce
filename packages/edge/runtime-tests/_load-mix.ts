import type { AutocannonOptions, AutocannonRequest, AutocannonResult } from 'autocannon'

/** The upstream Tray token of the app under load; the mock accepts it. */
export const LOAD_TOKEN = 'tray-load-6Tn2VcXe8Q'
/** What a signed-in caller sends; the app's `authorize` accepts nothing else. */
export const LOAD_SESSION = 'Bearer load-session-1'
/** Small, so that an oversized body costs the load generator little. */
export const LOAD_MAX_BODY_BYTES = 4096

const CALL = '/core/v1/connectors/slack/versions/9.1/call'
const SEND_MESSAGE = { operation: 'send_message', input: { channel: 'C0123', text: 'Hello' } }

/** One kind of request in the mix, and the one answer it must get. */
export interface LoadKind {
  name: string
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  body?: string
  /** Headers besides the session and the JSON content type, which a kind may replace. */
  headers?: Record<string, string>
  /** `false` sends no session. */
  session?: false
  status: number
  /** The `code` of the answer's body, when the kind's answer is an error. */
  code?: string | null
}

/** Catalog reads and calls, valid and not: every refusal the handler makes before Tray. */
export const LOAD_KINDS: readonly LoadKind[] = [
  { name: 'GET connectors', method: 'GET', path: '/core/v1/connectors', status: 200 },
  {
    name: 'GET operations',
    method: 'GET',
    path: '/core/v1/connectors/slack/versions/9.1/operations',
    status: 200,
  },
  {
    name: "GET an unknown connector (Tray's 404)",
    method: 'GET',
    path: '/core/v1/connectors/nope/versions/1/operations',
    status: 404,
    code: null,
  },
  {
    name: 'valid call',
    method: 'POST',
    path: CALL,
    body: JSON.stringify(SEND_MESSAGE),
    status: 200,
  },
  {
    name: 'call without a session',
    method: 'POST',
    path: CALL,
    body: JSON.stringify(SEND_MESSAGE),
    session: false,
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'call of an operation not allowed',
    method: 'POST',
    path: CALL,
    body: JSON.stringify({ operation: 'list_channels_ddl', input: { workspace_id: 'T0000ACME' } }),
    status: 403,
    code: 'operation_not_allowed',
  },
  {
    name: 'malformed JSON',
    method: 'POST',
    path: CALL,
    body: '{"operation":',
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'wrong payload shape',
    method: 'POST',
    path: CALL,
    body: JSON.stringify({ operation: 42, input: 'hi' }),
    status: 400,
    code: 'invalid_payload',
  },
  {
    name: 'input failing the schema',
    method: 'POST',
    path: CALL,
    body: JSON.stringify({ operation: 'send_message', input: { channel: 7 } }),
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'text/plain body',
    method: 'POST',
    path: CALL,
    body: JSON.stringify(SEND_MESSAGE),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'body over maxBodyBytes',
    method: 'POST',
    path: CALL,
    body: JSON.stringify({ ...SEND_MESSAGE, input: { channel: 'C1', text: 'x'.repeat(8_000) } }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'DELETE on a route',
    method: 'DELETE',
    path: '/core/v1/connectors',
    status: 405,
    code: 'method_not_allowed',
  },
]

/** What a run of the mix got. */
export interface LoadReport {
  /** Answers received. */
  answers: number
  rps: number
  /** Milliseconds. */
  p99: number
  errors: number
  timeouts: number
  /** Per kind, answers counted by `status code`. */
  byKind: Record<string, Record<string, number>>
  /** Answers that were not their kind's. */
  unexpected: number
  /** The first few unexpected answers, for the report. */
  samples: string[]
}

/**
 * Sends the mix to `url` on `connections` connections, each cycling through every kind:
 * `amount` requests in all (each one answered before the run ends), or for `seconds`.
 * autocannon is passed in: the bench imports its own copy, the tests theirs.
 */
export async function runLoadMix(
  autocannon: (options: AutocannonOptions) => Promise<AutocannonResult>,
  options: { url: string; connections: number; amount?: number; seconds?: number },
): Promise<LoadReport> {
  const byKind: LoadReport['byKind'] = {}
  const samples: string[] = []
  let unexpected = 0
  const requests = LOAD_KINDS.map((kind): AutocannonRequest => {
    const tally: Record<string, number> = {}
    byKind[kind.name] = tally
    return {
      method: kind.method,
      path: kind.path,
      headers: {
        ...(kind.session !== false && { authorization: LOAD_SESSION }),
        'content-type': 'application/json',
        ...kind.headers,
      },
      ...(kind.body !== undefined && { body: kind.body }),
      onResponse(status, body) {
        const code = codeOf(body)
        const key = code === undefined ? String(status) : `${status} ${code}`
        tally[key] = (tally[key] ?? 0) + 1
        if (status !== kind.status || (kind.code !== undefined && code !== kind.code)) {
          unexpected++
          if (samples.length < 5) samples.push(`${kind.name}: ${status} ${body.slice(0, 200)}`)
        }
      },
    }
  })
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds }),
    // A hang bound only: a starved machine must not turn slow answers into failures.
    timeout: 30,
    requests,
  })
  const answers = Object.values(byKind)
    .flatMap((tally) => Object.values(tally))
    .reduce((sum, count) => sum + count, 0)
  return {
    answers,
    // Every answer over the run's own length: the per-second average drops its last part second.
    rps: result.duration > 0 ? result.requests.total / result.duration : 0,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    byKind,
    unexpected,
    samples,
  }
}

/** The report as a table, one line per kind, for test output and the bench log. */
export function formatLoadReport(report: LoadReport, title: string): string {
  const width = Math.max(...LOAD_KINDS.map((kind) => kind.name.length))
  const lines = LOAD_KINDS.map((kind) => {
    const expected = `${kind.status}${kind.code ? ` ${kind.code}` : ''}`
    const got = Object.entries(report.byKind[kind.name] ?? {})
      .map(([key, count]) => `${key} ×${count}`)
      .join(', ')
    return `  ${kind.name.padEnd(width)}  expects ${expected.padEnd(28)} got ${got || 'nothing'}`
  })
  return [
    `${title}: ${report.answers} answers, ${Math.round(report.rps)} req/s, p99 ${report.p99} ms, ` +
      `${report.errors} errors, ${report.timeouts} timeouts, ${report.unexpected} unexpected`,
    ...lines,
    ...report.samples.map((sample) => `  unexpected: ${sample}`),
  ].join('\n')
}

/** The `code` of a JSON error body; undefined for a success or a body that is not JSON. */
function codeOf(body: string): string | null | undefined {
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed === 'object' && parsed !== null && 'code' in parsed) {
      return typeof parsed.code === 'string' ? parsed.code : null
    }
  } catch {
    // Not JSON: an unexpected answer, which the status or the missing code shows.
  }
  return undefined
}
