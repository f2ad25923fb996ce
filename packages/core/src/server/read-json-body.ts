import { TrayGatewayError } from './tray-gateway-error'

/**
 * Reads a JSON request body of at most `maxBytes` (a gateway's call payload, an MCP message),
 * refusing with `TrayGatewayError`s that `errorOutcome` answers: 413 `payload_too_large`, 415
 * `unsupported_media_type`, 400 `invalid_json`. A declared `Content-Length` above the limit is
 * refused before anything is read. Within it, the body is read in one go: HTTP framing stops a
 * client from sending more than it declared (and runtimes' fast paths, such as
 * @hono/node-server's, only apply to a whole read). A body without one (chunked) is counted
 * while it streams and abandoned as soon as it passes the limit, so it is never held whole.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = declaredLength(request)
  if (declared !== undefined && declared > maxBytes) throw tooLarge(maxBytes)
  // JSON only: a cross-site form or `text/plain` post cannot carry this content type
  // without a CORS preflight, which the origin list then decides.
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new TrayGatewayError(
      415,
      'unsupported_media_type',
      `Send the body as JSON with content-type: application/json${type ? ` (got ${type.slice(0, 100)})` : ''}`,
    )
  }
  const bytes =
    declared === undefined
      ? await readCapped(request, maxBytes)
      : new Uint8Array(await request.arrayBuffer())
  // Only a request built in-process can carry more than it declared; refuse it all the same.
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new TrayGatewayError(400, 'invalid_json', 'The request body is not valid UTF-8')
  }
  if (text.trim() === '') {
    throw new TrayGatewayError(400, 'invalid_json', 'The request body is empty; send JSON')
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : ''
    throw new TrayGatewayError(400, 'invalid_json', `The request body is not valid JSON${detail}`)
  }
}

function declaredLength(request: Request): number | undefined {
  const value = request.headers.get('content-length')?.trim()
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
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
