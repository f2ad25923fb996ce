import { describe, expect, it } from 'vitest'
import { TrayResponseTooLargeError } from '../errors/tray-response-too-large-error'
import { TrayResponseError } from '../errors/tray-transport-errors'
import { AUTH_ID, CONNECTORS, TOKEN } from './__fixtures__/scripted-fetch'
import { createTrayClient } from './create-tray-client'

const KIB = 1024
const MIB = 1024 * KIB

/** A body streamed in chunks of `chunkBytes`, endless unless `totalBytes` is given, that counts what was read. */
function streamedBody(chunkBytes: number, totalBytes = Number.POSITIVE_INFINITY) {
  const state = { pulledBytes: 0, cancelled: false }
  const chunk = new TextEncoder().encode(' '.repeat(chunkBytes))
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulledBytes >= totalBytes) return controller.close()
      state.pulledBytes += chunk.byteLength
      controller.enqueue(chunk)
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { stream, state }
}

function clientAnswering(answer: () => Response, options: { maxResponseBytes?: number } = {}) {
  let requests = 0
  const tray = createTrayClient({
    token: TOKEN,
    cache: false,
    ...options,
    fetch: async () => {
      requests++
      return answer()
    },
  })
  return { tray, requests: () => requests }
}

describe('maxResponseBytes', () => {
  it('refuses a stated length above the cap without reading the body, and lets it go', async () => {
    const body = streamedBody(64 * KIB)
    const { tray, requests } = clientAnswering(
      () => new Response(body.stream, { headers: { 'content-length': String(150 * MIB) } }),
      { maxResponseBytes: MIB },
    )
    const error = await tray.listConnectors().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayResponseTooLargeError)
    expect(error).toBeInstanceOf(TrayResponseError)
    expect(error).toMatchObject({ limitBytes: MIB, status: 200 })
    expect((error as Error).message).toContain(`larger than maxResponseBytes (${MIB} bytes)`)
    // Not retried: the same answer would come again.
    expect(requests()).toBe(1)
    expect(body.state.cancelled).toBe(true)
    // A stream pulls ahead a little on its own; nothing near the body was read.
    expect(body.state.pulledBytes).toBeLessThanOrEqual(64 * KIB)
  })

  it('stops an endless body without a length once it passes the cap', async () => {
    const body = streamedBody(64 * KIB)
    const { tray } = clientAnswering(() => new Response(body.stream), { maxResponseBytes: MIB })
    await expect(tray.listConnectors()).rejects.toBeInstanceOf(TrayResponseTooLargeError)
    expect(body.state.cancelled).toBe(true)
    expect(body.state.pulledBytes).toBeLessThanOrEqual(MIB + 2 * 64 * KIB)
  })

  it('counts a compressed body as it is read, whatever its stated length', async () => {
    const body = streamedBody(64 * KIB, 3 * MIB)
    const { tray } = clientAnswering(
      () =>
        new Response(body.stream, {
          headers: { 'content-length': '100', 'content-encoding': 'gzip' },
        }),
      { maxResponseBytes: MIB },
    )
    await expect(tray.listConnectors()).rejects.toBeInstanceOf(TrayResponseTooLargeError)
    expect(body.state.cancelled).toBe(true)
  })

  it('a body of exactly the cap, with or without a length, is read as usual', async () => {
    const text = JSON.stringify(CONNECTORS)
    const bytes = new TextEncoder().encode(text).byteLength
    const withLength = clientAnswering(
      () => new Response(text, { headers: { 'content-length': String(bytes) } }),
      { maxResponseBytes: bytes },
    )
    expect(await withLength.tray.listConnectors()).toHaveLength(CONNECTORS.elements.length)
    const streamed = clientAnswering(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              // Split inside a multi-byte character: decoding must carry it over.
              const encoded = new TextEncoder().encode(text)
              controller.enqueue(encoded.slice(0, 7))
              controller.enqueue(encoded.slice(7))
              controller.close()
            },
          }),
        ),
      { maxResponseBytes: bytes },
    )
    expect(await streamed.tray.listConnectors()).toEqual(CONNECTORS.elements)
  })

  it('decodes UTF-8 split across chunks as response.text() does', async () => {
    const title = 'Slack — ünïcødé ✓ 🚀'
    const text = JSON.stringify({ elements: [{ ...CONNECTORS.elements[0], title }] })
    const encoded = new TextEncoder().encode(text)
    const { tray } = clientAnswering(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < encoded.length; i += 3)
                controller.enqueue(encoded.slice(i, i + 3))
              controller.close()
            },
          }),
        ),
    )
    expect((await tray.listConnectors())[0]?.title).toBe(title)
  })

  it('a call whose answer is too large is not sent again, and says it may have run', async () => {
    const { tray, requests } = clientAnswering(() => new Response(streamedBody(64 * KIB).stream), {
      maxResponseBytes: MIB,
    })
    const error = await tray
      .callConnector(
        'slack',
        '9.1',
        { operation: 'send_message', input: { text: 'hi' }, authId: AUTH_ID },
        { validate: false, idempotent: true },
      )
      .catch((e: unknown) => e as Error)
    expect(error).toBeInstanceOf(TrayResponseTooLargeError)
    expect(error.message).toContain('The call may have run')
    expect(requests()).toBe(1)
  })

  it('an error answer is capped too', async () => {
    const body = streamedBody(64 * KIB)
    const { tray } = clientAnswering(() => new Response(body.stream, { status: 500 }), {
      maxResponseBytes: MIB,
    })
    const error = (await tray.listConnectors().catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(TrayResponseTooLargeError)
    expect(error.message).toContain('a 500 answer')
  })

  it('defaults to 16 MiB', async () => {
    const { tray } = clientAnswering(() => new Response(streamedBody(MIB).stream, { headers: {} }))
    const error = await tray.listConnectors().catch((e: unknown) => e)
    expect(error).toMatchObject({ limitBytes: 16 * MIB })
  })

  it('must be a number of at least 1', () => {
    expect(() => createTrayClient({ token: TOKEN, maxResponseBytes: 0 })).toThrow(
      'maxResponseBytes must be a number of at least 1',
    )
  })
})
