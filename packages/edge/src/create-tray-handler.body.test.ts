import { describe, expect, it } from 'vitest'
import { CALL_PATH, SEND_MESSAGE, setup, upstreamCount } from './__fixtures__/setup'

const encoder = new TextEncoder()

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

function post(
  request: ReturnType<typeof setup>['request'],
  body: BodyInit,
  headers: Record<string, string> = {},
) {
  return request(CALL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit)
}

describe('the body size limit', () => {
  it('refuses a declared Content-Length above the limit without reading the body', async () => {
    const { mock, request } = setup({ maxBodyBytes: 100 })
    const { stream, state } = trackedBody('x'.repeat(50), 3)
    const response = await post(request, stream, { 'content-length': '150' })
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({
      message: 'The request body is larger than 100 bytes',
      code: 'payload_too_large',
    })
    expect(state.pulled).toBe(0)
    expect(mock.calls).toEqual([])
  })

  it('stops reading a chunked body with no length as soon as it passes the limit', async () => {
    const { mock, request } = setup({ maxBodyBytes: 1000 })
    // Endless: reading it whole would never finish.
    const { stream, state } = trackedBody('x'.repeat(300))
    const response = await post(request, stream)
    expect(response.status).toBe(413)
    // At most the limit plus the chunk that crossed it, and then the stream is cancelled.
    expect(state.pulled * 300).toBeLessThanOrEqual(1000 + 300)
    expect(state.cancelled).toBe(true)
    expect(mock.calls).toEqual([])
  })

  it.each([['abc'], ['-1'], ['1e3'], ['10, 10'], ['0x10']])(
    'counts an endless body whose Content-Length is %j, which is no length, as it streams',
    async (length) => {
      const { mock, request } = setup({ maxBodyBytes: 1000 })
      const { stream, state } = trackedBody('x'.repeat(300))
      const response = await post(request, stream, { 'content-length': length })
      expect(response.status).toBe(413)
      expect(state.pulled * 300).toBeLessThanOrEqual(1000 + 300)
      expect(state.cancelled).toBe(true)
      expect(mock.calls).toEqual([])
    },
  )

  it('refuses a body longer than the Content-Length it declared, as only in-process requests can send', async () => {
    const { mock, request } = setup({ maxBodyBytes: 100 })
    const { stream } = trackedBody('x'.repeat(60), 3)
    const response = await post(request, stream, { 'content-length': '60' })
    expect(response.status).toBe(413)
    expect(mock.calls).toEqual([])
  })

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify(SEND_MESSAGE)
    const { mock, request } = setup({ maxBodyBytes: encoder.encode(body).byteLength })
    const response = await post(request, body)
    expect(response.status).toBe(200)
    expect(upstreamCount(mock, 'call')).toBe(1)
  })

  it('counts bytes, not characters', async () => {
    const body = JSON.stringify({
      ...SEND_MESSAGE,
      input: { ...SEND_MESSAGE.input, text: 'é'.repeat(40) },
    })
    const { request } = setup({ maxBodyBytes: body.length + 10 })
    expect((await post(request, body)).status).toBe(413)
  })

  it('defaults to 1 MiB', async () => {
    const { request } = setup()
    const big = JSON.stringify({ ...SEND_MESSAGE, input: { text: 'x'.repeat(1024 * 1024) } })
    expect((await post(request, big)).status).toBe(413)
    const under = JSON.stringify({ ...SEND_MESSAGE, input: { text: 'x'.repeat(1000 * 1000) } })
    // Under the limit it gets as far as input validation (channel is missing).
    expect((await post(request, under)).status).toBe(400)
  })
})

describe('the JSON body', () => {
  it.each([
    ['text/plain', 415, 'unsupported_media_type'],
    ['application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    ['application/json; charset=utf-8', 200, undefined],
    ['Application/JSON', 200, undefined],
  ])('with content-type %s answers %i', async (type, status, code) => {
    const { request } = setup()
    const response = await post(request, JSON.stringify(SEND_MESSAGE), { 'content-type': type })
    expect(response.status).toBe(status)
    if (code) expect(await response.json()).toMatchObject({ code })
  })

  it('answers 415 to a body without content type', async () => {
    const { request } = setup()
    const response = await request(CALL_PATH, {
      method: 'POST',
      body: JSON.stringify(SEND_MESSAGE),
    })
    expect(response.status).toBe(415)
  })

  it.each([
    ['', /empty/],
    ['{"operation": "send_message",', /not valid JSON/],
    [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /not valid UTF-8/],
  ])('refuses a body that is not JSON %#', async (body, message) => {
    const { mock, request } = setup()
    const response = await post(request, body as BodyInit)
    expect(response.status).toBe(400)
    const answer = (await response.json()) as { code: string; message: string }
    expect(answer.code).toBe('invalid_json')
    expect(answer.message).toMatch(message)
    expect(mock.calls).toEqual([])
  })
})
