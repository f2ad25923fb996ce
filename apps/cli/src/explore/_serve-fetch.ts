import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A fetch-style handler served over HTTP on 127.0.0.1. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  port: number
  /** Stops listening and closes every open connection, so the port is free at once. */
  close(): Promise<void>
}

/** Request bodies past this are refused unread: the page sends a call payload, nothing larger. */
const MAX_BODY_BYTES = 2 * 1024 * 1024

/**
 * Serves `handler` on 127.0.0.1 (port 0 picks a free one) with Node's own HTTP server, so the
 * bundled CLI needs no server library for the one local page it serves.
 */
export function serveFetch(
  handler: (request: Request) => Promise<Response>,
  port = 0,
): Promise<LocalServer> {
  const server = createServer((req, res) => {
    void answer(handler, req, res)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      const { port: bound } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()))
            // Keep-alive sockets of the open page would hold the port until they time out.
            server.closeAllConnections()
          }),
      })
    })
  })
}

async function answer(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const left = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) left.abort()
  })
  try {
    const body = await readBody(req)
    if (body === 'too large') {
      res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end('Request too large')
      return
    }
    // The Host header is checked by the handler; the URL only needs a syntactically safe host.
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
    }
    const request = new Request(url, {
      method: req.method ?? 'GET',
      headers,
      body: body.length > 0 ? new Uint8Array(body) : undefined,
      signal: left.signal,
    })
    const response = await handler(request)
    const out: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      out[name] = value
    })
    res.writeHead(response.status, out)
    res.end(Buffer.from(await response.arrayBuffer()))
  } catch {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('Internal error')
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too large'> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    req.resume()
    return Promise.resolve(Buffer.alloc(0))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data')
        req.resume()
        resolve('too large')
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
