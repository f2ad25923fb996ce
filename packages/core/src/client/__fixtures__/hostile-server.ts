import fc from 'fast-check'

/** One answer of the hostile server to one request. */
export type Answer =
  | { kind: 'http'; status: number; body: string; headers: Record<string, string> }
  /** The connection fails; `code` says whether before the request was sent (ECONNREFUSED). */
  | { kind: 'network'; code: string | undefined }
  /** Headers never come, or the body never ends: only the timeout ends the attempt. */
  | { kind: 'stall'; at: 'headers' | 'body' }

/** A request the hostile server received. */
export interface Received {
  method: string
  path: string
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

/**
 * A fetch that answers each request from the script of its route (`route(method, path)` names
 * it), one answer per request, the last one repeating; and records every request.
 */
export function hostileFetch(
  scripts: Record<string, Answer[]>,
  route: (method: string, path: string) => string,
) {
  const received: Received[] = []
  const used = new Map<string, number>()
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET'
    const path = new URL(String(input)).pathname
    received.push({ method, path })
    const name = route(method, path)
    const script = scripts[name] ?? []
    const index = used.get(name) ?? 0
    used.set(name, index + 1)
    const answer = script[Math.min(index, script.length - 1)]
    if (!answer) throw new Error(`hostileFetch: no answer for ${name}`)
    if (answer.kind === 'network') {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: answer.code } })
    }
    if (answer.kind === 'stall' && answer.at === 'headers') return new Promise<Response>(() => {})
    if (answer.kind === 'stall') {
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"elements":['))
        },
      })
      return new Response(stream, { status: 200 })
    }
    const empty = answer.status === 204 || answer.status === 205 || answer.status === 304
    return new Response(empty ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    })
  }
  return { fetch, received }
}

/** Why an attempt failed, as the retry rule sees it; undefined when the answer ends the request. */
function failureOf(answer: Answer): 'always' | 'if-safe' | undefined {
  if (answer.kind === 'network') {
    return answer.code !== undefined && NOT_SENT.has(answer.code) ? 'always' : 'if-safe'
  }
  if (answer.kind === 'stall') return 'if-safe'
  if (answer.status === 429) {
    // A Retry-After longer than a minute ends the retries; junk is ignored.
    const wait = answer.headers['retry-after']
    return wait !== undefined && /^\d+$/.test(wait) && Number(wait) > 60 ? undefined : 'always'
  }
  return answer.status >= 500 ? 'if-safe' : undefined
}

/**
 * How many requests the retry rule of the README allows for a script: a read (or an idempotent
 * write) is retried after 429s, 5xx, timeouts and network failures; a call only after a 429 or
 * a connection that failed before sending. `maxRetries` retries at most.
 */
export function expectedAttempts(script: Answer[], safe: boolean, maxRetries: number): number {
  for (let attempt = 0; ; attempt++) {
    const answer = script[Math.min(attempt, script.length - 1)]!
    const failure = failureOf(answer)
    const retried = failure === 'always' || (failure === 'if-safe' && safe)
    if (!retried || attempt >= maxRetries) return attempt + 1
  }
}

/** The answer the last attempt of a script got. */
export function lastAnswer(script: Answer[], attempts: number): Answer {
  return script[Math.min(attempts - 1, script.length - 1)]!
}

/** `body` with the value at a dotted path replaced. */
function withValueAt(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  const copy = (Array.isArray(body) ? [...body] : { ...(body as object) }) as Record<
    string,
    unknown
  >
  copy[head!] = withValueAt(copy[head!], rest, value)
  return copy
}

/** Every dotted path into a JSON value, the value's own (`[]`) included. */
function pathsOf(value: unknown, at: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [at]
  return [at, ...Object.entries(value).flatMap(([key, inner]) => pathsOf(inner, [...at, key]))]
}

const DEEP = 20_000

/**
 * Bodies as a broken or hostile server sends them, around `valid` (the body Tray documents):
 * the valid one, the valid one with one part replaced by random JSON, random JSON, JSON cut
 * short, nothing, `null`, a list, HTML, bytes, 20 000 levels of nesting, megabytes of padding,
 * and `__proto__` keys.
 */
export function hostileBody(valid: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(valid)
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(text) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...pathsOf(valid)), fc.jsonValue({ maxDepth: 2 }))
        .map(([path, value]) => JSON.stringify(withValueAt(valid, path, value))),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.nat(text.length).map((end) => text.slice(0, end)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '"elements"',
        '<html><body>502 Bad Gateway</body></html>',
        `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`,
        `{"message":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}`,
        `{"pad":"${'x'.repeat(2_000_000)}","body":${text}}`,
        text.replace(
          '{',
          '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => new TextDecoder().decode(bytes)),
    },
  )
}

/** A status a server might answer with: mostly Tray's own, sometimes anything at all. */
export const hostileStatus = fc.oneof(
  { weight: 4, arbitrary: fc.constant(200) },
  { weight: 3, arbitrary: fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
)

/** An answer to a request whose documented 2xx body is `valid`. */
export function hostileAnswer(valid: unknown): fc.Arbitrary<Answer> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('http' as const),
        status: hostileStatus,
        body: hostileBody(valid),
        headers: fc.record(
          {
            'content-type': fc.constantFrom('application/json', 'text/html', 'text/plain', ''),
            'retry-after': fc.constantFrom('0', '2', '61', 'soon'),
            'x-request-id': fc
              .string({ maxLength: 20 })
              .map((id) => id.replace(/[^\x20-\x7e]/g, '')),
          },
          { requiredKeys: ['content-type'] },
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('network' as const),
        code: fc.constantFrom(
          'ECONNREFUSED',
          'ENOTFOUND',
          'ECONNRESET',
          'UND_ERR_SOCKET',
          undefined,
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('stall' as const),
        at: fc.constantFrom('headers' as const, 'body' as const),
      }),
    },
  )
}

/** A script of answers for one route: what a run of attempts will meet. */
export function hostileScript(valid: unknown): fc.Arbitrary<Answer[]> {
  return fc.array(hostileAnswer(valid), { minLength: 1, maxLength: 4 })
}
