/**
 * A body larger than the cap, as `readBody` reports it: the transport words the error, on the
 * error path, since only it knows the request.
 */
export class BodyTooLarge {
  constructor(readonly limitBytes: number) {}
}

/**
 * A response's body as text, refusing one of more than `limitBytes` bytes without holding it
 * (rejects with `BodyTooLarge`): a stated length above the cap is refused before reading, and a
 * body streamed without one is counted chunk by chunk and let go once past the cap. Uses only
 * web streams, so it runs on Node, workerd, Deno and Bun alike.
 */
export async function readBody(response: Response, limitBytes: number): Promise<string> {
  const stated = statedLength(response.headers)
  if (stated !== undefined && stated > limitBytes) {
    discard(response)
    throw new BodyTooLarge(limitBytes)
  }
  // The common case stays on the runtime's own reader: a length the transport can trust.
  if (stated !== undefined || response.body === null) return response.text()
  const reader = response.body.getReader()
  // `response.text()` decodes UTF-8 and drops a byte order mark: TextDecoder's defaults do both.
  const decoder = new TextDecoder()
  const parts: string[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limitBytes) {
      reader.cancel().catch(() => {})
      throw new BodyTooLarge(limitBytes)
    }
    parts.push(decoder.decode(value, { stream: true }))
  }
  parts.push(decoder.decode())
  return parts.join('')
}

/**
 * The body's length in bytes as the server states it, when it can be trusted to be the length
 * read: a compressed body (`content-encoding`) is decoded by fetch into something larger.
 */
function statedLength(headers: Headers): number | undefined {
  const encoding = headers.get('content-encoding')
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return undefined
  const length = headers.get('content-length')
  if (length === null || !/^\s*\d+\s*$/.test(length)) return undefined
  return Number(length)
}

/** Lets an unread body go, so the connection is not kept to deliver it. */
function discard(response: Response): void {
  try {
    response.body?.cancel().catch(() => {})
  } catch {
    // A body already locked or used: nothing left to let go.
  }
}
