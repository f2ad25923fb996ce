import { describe, expect, it } from 'vitest'
import { errorOutcome } from './error-outcome'
import { readJsonBody } from './read-json-body'
import { TrayGatewayError } from './tray-gateway-error'

const encoder = new TextEncoder()
const URL_ = 'https://gateway.example/call'

/** A body stream that records how many chunks were pulled from it, and whether it was cancelled. */
function trackedBody(chunk: string, chunks = Number.POSITIVE_INFINITY) {
  const state = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= chunks) return controller.close()
        state.pulled++
        controller.enqueue(encoder.encode(chunk))
      },
      cancel() {
        state.cancelled = true
      },
    },
    // No read-ahead: a chunk is pulled only when someone reads.
    { highWaterMark: 0 },
  )
  return { stream, state }
}

function post(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit)
}

/** What `errorOutcome` answers for what the read threw. */
async function refusal(read: Promise<unknown>) {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TrayGatewayError)
  const { status, code, message } = errorOutcome(error)
  return { status, code, message }
}

describe('readJsonBody', () => {
  it('parses a JSON body within the limit, of exactly the limit too', async () => {
    const body = JSON.stringify({ operation: 'send_message', input: { text: 'é' } })
    const size = encoder.encode(body).byteLength
    expect(await readJsonBody(post(body), size)).toEqual(JSON.parse(body))
    // Counts bytes, not characters.
    expect((await refusal(readJsonBody(post(body), body.length))).status).toBe(413)
  })

  it('refuses a declared Content-Length above the limit without reading the body', async () => {
    const { stream, state } = trackedBody('x'.repeat(50), 3)
    expect(await refusal(readJsonBody(post(stream, { 'content-length': '150' }), 100))).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The request body is larger than 100 bytes',
    })
    expect(state.pulled).toBe(0)
  })

  it.each([[undefined], ['abc'], ['-1'], ['1e3'], ['10, 10']])(
    'counts an endless body with Content-Length %j as it streams, and drops it past the limit',
    async (length) => {
      const { stream, state } = trackedBody('x'.repeat(300))
      const headers: Record<string, string> = length ? { 'content-length': length } : {}
      expect((await refusal(readJsonBody(post(stream, headers), 1000))).status).toBe(413)
      expect(state.pulled * 300).toBeLessThanOrEqual(1000 + 300)
      expect(state.cancelled).toBe(true)
    },
  )

  it('refuses a body longer than the Content-Length it declared', async () => {
    const { stream } = trackedBody('x'.repeat(60), 3)
    expect(
      (await refusal(readJsonBody(post(stream, { 'content-length': '60' }), 100))).status,
    ).toBe(413)
  })

  it.each([
    ['text/plain', 415],
    ['application/x-www-form-urlencoded', 415],
    ['', 415],
  ])('refuses content-type %j with %i', async (type, status) => {
    const request = new Request(URL_, {
      method: 'POST',
      body: '{}',
      headers: type ? { 'content-type': type } : {},
    })
    // A body without a type gets text/plain from Request: refused all the same.
    expect(await refusal(readJsonBody(request, 100))).toMatchObject({
      status,
      code: 'unsupported_media_type',
    })
  })

  it.each([['application/json; charset=utf-8'], ['Application/JSON']])(
    'takes content-type %s',
    async (type) => {
      expect(await readJsonBody(post('{"a":1}', { 'content-type': type }), 100)).toEqual({ a: 1 })
    },
  )

  it.each([
    ['', /empty/],
    ['{"operation": "send_message",', /not valid JSON/],
    [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /not valid UTF-8/],
  ])('refuses a body that is not JSON %#', async (body, message) => {
    const answer = await refusal(readJsonBody(post(body as BodyInit), 100))
    expect(answer).toMatchObject({ status: 400, code: 'invalid_json' })
    expect(answer.message).toMatch(message)
  })
})
