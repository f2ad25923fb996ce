import { createServer, type Server } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOAD_MAX_BODY_BYTES, LOAD_SESSION } from './_load-mix'
import { type NodeTarget, startNodeTarget } from './_node-target'

const CALL_PATH = '/core/v1/connectors/slack/versions/9.1/call'
const CALL_BODY = JSON.stringify({
  operation: 'send_message',
  input: { channel: 'C0123', text: 'Hello' },
})
/** What an endless body may send in all before the test gives up on an answer. */
const ENDLESS_CAP = 256 * 1024 * 1024

/**
 * Sends raw bytes on a connection of its own and resolves with everything the server wrote
 * back until it closed the connection (requests say `connection: close`).
 */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    // Written, not ended: a client that half-closes may see its answer dropped.
    const socket = connect(Number(port), hostname, () => socket.write(request))
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
    })
    socket.once('close', () => resolve(answer))
    socket.once('error', reject)
  })
}

function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])
}

/** A request head for `url`, CRLF-separated, with the session and `connection: close`. */
function head(url: string, requestLine: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({
    host: new URL(url).host,
    authorization: LOAD_SESSION,
    connection: 'close',
    ...headers,
  })
  return `${requestLine}\r\n${lines.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`
}

describe('the built handler on Node, over raw HTTP', () => {
  let target: NodeTarget
  let trap: Server
  let trapHost: string
  let trapped = 0

  beforeAll(async () => {
    target = await startNodeTarget('node-http')
    // Where a handler that took its upstream from the request would send it.
    trap = createServer((_request, response) => {
      trapped++
      response.end('{}')
    })
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve))
    const address = trap.address()
    trapHost = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    await target?.stop()
    await new Promise((resolve) => trap?.close(resolve))
  })

  it('sends a call to its baseUrl, whatever the request target, Host or forwarding headers say', async () => {
    target.mock.reset()
    const json = { 'content-type': 'application/json', 'content-length': CALL_BODY.length }
    const spoofs = {
      host: trapHost,
      'x-forwarded-host': trapHost,
      'x-forwarded-proto': 'http',
      forwarded: `host=${trapHost}`,
    }
    const answers = await Promise.all([
      raw(
        target.url,
        `${head(target.url, `POST http://${trapHost}${CALL_PATH} HTTP/1.1`, json)}${CALL_BODY}`,
      ),
      raw(
        target.url,
        `${head(target.url, `POST ${CALL_PATH} HTTP/1.1`, { ...spoofs, ...json })}${CALL_BODY}`,
      ),
    ])
    expect(answers.map(statusOf)).toEqual([200, 200])
    expect(target.mock.tasks).toBe(2)
    expect(trapped).toBe(0)
  })

  it('serves nothing for a path that names another host', async () => {
    target.mock.reset()
    const answer = await raw(
      target.url,
      head(target.url, `GET //${trapHost}/core/v1/connectors HTTP/1.1`, { host: trapHost }),
    )
    expect(statusOf(answer)).toBe(404)
    expect(target.mock.calls).toEqual([])
    expect(trapped).toBe(0)
  })

  it('answers 413 to a declared oversized body before a byte of it is sent', async () => {
    target.mock.reset()
    // The body never comes: only an answer given from the headers alone can arrive.
    const answer = await raw(
      target.url,
      head(target.url, `POST ${CALL_PATH} HTTP/1.1`, {
        'content-type': 'application/json',
        'content-length': 10 * 1024 * 1024,
      }),
    )
    expect(statusOf(answer)).toBe(413)
    expect(answer).toMatch(/"code":"payload_too_large"/)
    expect(target.mock.calls).toEqual([])
  })

  it('answers 413 to an endless chunked body, long before it could have read it whole', async () => {
    target.mock.reset()
    const { hostname, port } = new URL(target.url)
    const chunk = Buffer.alloc(64 * 1024, 'x')
    const framed = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ])
    /**
     * Sends chunks until an answer, the cap, or the server closing the connection. Past the
     * limit the handler stops reading and answers 413; on Node, ending the read closes the
     * connection, so the client may see the reset before the answer, or instead of it.
     */
    const send = () =>
      new Promise<{ answer: string; sent: number; reset: boolean }>((resolve, reject) => {
        let sent = 0
        let answer = ''
        let reset = false
        const socket = connect(Number(port), hostname)
        const finish = () => {
          socket.destroy()
          resolve({ answer, sent, reset })
        }
        // Writes until the socket pushes back, then waits; stops at the cap or at an answer.
        const pump = () => {
          while (answer === '' && !reset && sent < ENDLESS_CAP) {
            sent += framed.length
            if (!socket.write(framed)) return
          }
          if (sent >= ENDLESS_CAP) finish()
        }
        socket.on('connect', () => {
          socket.write(
            head(target.url, `POST ${CALL_PATH} HTTP/1.1`, {
              'content-type': 'application/json',
              'transfer-encoding': 'chunked',
            }),
          )
          pump()
        })
        socket.on('drain', pump)
        socket.on('data', (data) => {
          answer += data.toString('latin1')
          if (answer.includes('\r\n\r\n')) finish()
        })
        socket.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
          else reset = true
        })
        socket.on('close', finish)
      })
    const { answer, sent, reset } = await send()
    // Refused either way, and early: socket buffers on both sides hold a few MiB, and reading
    // the body whole would need all of it.
    expect(sent).toBeLessThan(ENDLESS_CAP / 4)
    if (answer !== '') expect(statusOf(answer)).toBe(413)
    else expect(reset).toBe(true)
    expect(target.mock.calls).toEqual([])
    console.log(
      `endless chunked body: ${answer ? '413' : 'connection reset'} after ${(sent / 1024 / 1024).toFixed(1)} MiB sent (limit ${LOAD_MAX_BODY_BYTES} bytes)`,
    )
  })

  it.each([
    [
      'both Content-Length and Transfer-Encoding',
      { 'content-length': 5, 'transfer-encoding': 'chunked' },
    ],
    ['two different Content-Lengths', { 'content-length': '5, 6' }],
    ['a CR inside a header value', { 'x-request-id': 'a\rSet-Cookie: b' }],
  ])('refuses a request smuggling %s before the handler sees it', async (_name, headers) => {
    target.mock.reset()
    const answer = await raw(
      target.url,
      `${head(target.url, `POST ${CALL_PATH} HTTP/1.1`, { 'content-type': 'application/json', ...headers })}0\r\n\r\n`,
    )
    expect(statusOf(answer)).toBe(400)
    expect(answer).not.toMatch(/set-cookie/i)
    expect(target.mock.calls).toEqual([])
  })

  it('takes no more body than the Content-Length declared, whatever follows it', async () => {
    target.mock.reset()
    const call = head(target.url, `POST ${CALL_PATH} HTTP/1.1`, {
      'content-type': 'application/json',
      'content-length': CALL_BODY.length,
      connection: 'keep-alive',
    })
    // What follows the declared bytes is the next request, not more of this one's body.
    const next = head(target.url, 'GET /core/v1/connectors HTTP/1.1', {})
    const answer = await raw(target.url, `${call}${CALL_BODY}${next}`)
    expect([...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(['200', '200'])
    expect(target.mock.calls.filter((c) => c.route === 'call')).toMatchObject([
      { input: { channel: 'C0123', text: 'Hello' } },
    ])
  })
})
