import { TrayGatewayError } from '@traykit/core/server'

/**
 * Reads a JSON-RPC body of at most `maxBytes`: a larger declared length is refused before
 * reading, and a body without one is counted as it streams and dropped once past the limit.
 */
export async function readBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > maxBytes) throw tooLarge(maxBytes)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body?.getReader()
  for (;;) {
    const next = await reader?.read()
    if (!next || next.done) break
    size += next.value.byteLength
    if (size > maxBytes) {
      await reader?.cancel().catch(() => {})
      throw tooLarge(maxBytes)
    }
    chunks.push(next.value)
  }
  const text = new TextDecoder().decode(concat(chunks, size))
  try {
    return JSON.parse(text)
  } catch {
    // JSON-RPC's own "parse error", answered by the caller as a 400.
    throw new TrayGatewayError(400, 'parse_error', 'The request body is not valid JSON')
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

function tooLarge(maxBytes: number): TrayGatewayError {
  return new TrayGatewayError(
    413,
    'payload_too_large',
    `The request body is larger than ${maxBytes} bytes`,
  )
}
