import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createTrayHandler, type TrayHandlerOptions } from '@traykit/edge'
import type { MockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import type { Hono } from 'hono'
import { Captures, withConsoleCaptured } from './capture'
import { createEchoingTray } from './echoing-tray'
import { CONNECTORS, EDGE_CASES, MAX_BODY_BYTES, ORIGIN, SIGNED_IN } from './edge-cases'
import { TOKEN } from './secret-token'

/** What running @traykit/edge with the token produced. */
export interface EdgeOutputs {
  captures: Captures
  /** Cases whose status was not the one expected: each case must really have happened. */
  unexpected: string[]
  /** The Authorization headers the handler sent upstream (in process). */
  authorizations: string[]
  /** The mocks the handlers talked to, for their journals. */
  upstreams: MockTray[]
}

/** What a case changes of the handler's options: where upstream is, and how the token is had. */
type Upstream = Partial<Pick<TrayHandlerOptions, 'baseUrl' | 'fetch' | 'timeout' | 'token'>>

/**
 * Runs every case through `createTrayHandler` with TOKEN: in process with `app.request()`
 * against the in-process mock, then served by @hono/node-server against the mock over HTTP.
 * Every status, header and body is captured, with whatever `onError` and `console` saw.
 */
export async function collectEdgeOutputs(): Promise<EdgeOutputs> {
  const captures = new Captures('edge')
  const unexpected: string[] = []
  const authorizations: string[] = []
  const inProcess = createEchoingTray()
  const overHttp = createEchoingTray()

  // The case being served, to name what onError sees.
  let current = ''
  const handlerFor = (upstream: Upstream) =>
    createTrayHandler({
      token: TOKEN,
      authorize: (c) => c.req.header('x-user') === 'alice',
      allow: { slack: ['send_message'] },
      cors: { origins: [ORIGIN] },
      maxBodyBytes: MAX_BODY_BYTES,
      // Every read goes upstream, so each case meets its fault instead of a cached answer.
      cache: false,
      maxRetries: 0,
      onError: (error) => captures.addError(`${current}: onError`, error),
      ...upstream,
    })

  /** Sends every case to `app`, or to `quick` (a 50 ms upstream timeout) for the timeout case. */
  async function runCases(
    where: string,
    upstream: MockTray,
    send: (app: 'main' | 'quick', path: string, init: RequestInit) => Promise<Response>,
  ): Promise<void> {
    for (const c of EDGE_CASES) {
      const fault = c.fault?.(upstream)
      current = `${where}, ${c.what}`
      try {
        const body = typeof c.body === 'function' ? c.body() : c.body
        // Node's fetch sends a stream body only when told it is half-duplex.
        const init = { method: c.method ?? 'GET', headers: c.headers, body, duplex: 'half' }
        const response = await send(c.quick ? 'quick' : 'main', c.path ?? CONNECTORS, init)
        if (response.status !== c.status) {
          unexpected.push(`${current}: ${response.status} instead of ${c.status}`)
        }
        await captures.addResponse(current, response)
      } finally {
        fault?.remove()
      }
    }
  }

  await withConsoleCaptured(captures, async () => {
    const inProcessUpstream: Upstream = {
      baseUrl: 'http://tray.test',
      fetch: (input, init) => {
        authorizations.push(new Headers(init?.headers).get('authorization') ?? '')
        return inProcess.fetch(input, init)
      },
    }
    const apps = {
      main: handlerFor(inProcessUpstream),
      quick: handlerFor({ ...inProcessUpstream, timeout: 50 }),
    }
    await runCases('in process', inProcess, async (app, path, init) =>
      apps[app].request(path, init),
    )

    const upstream = await listen(overHttp)
    const served = {
      main: await serveOnLoopback(handlerFor({ baseUrl: upstream.url })),
      quick: await serveOnLoopback(handlerFor({ baseUrl: upstream.url, timeout: 50 })),
    }
    try {
      await runCases('over HTTP', overHttp, (app, path, init) =>
        fetch(`${served[app].url}${path}`, init),
      )
      await upstream.close()
      current = 'over HTTP, upstream refusing connections'
      const refused = await fetch(`${served.main.url}${CONNECTORS}`, { headers: SIGNED_IN })
      if (refused.status !== 502) unexpected.push(`over HTTP, upstream down: ${refused.status}`)
      await captures.addResponse(current, refused)
    } finally {
      await Promise.all([served.main.close(), served.quick.close()])
    }

    // A per-request token, and a token function that fails: the 500 and what onError sees.
    for (const [what, token, status] of [
      ['a token function', async () => TOKEN, 200],
      ['a token function returning nothing', async () => '', 500],
    ] as const) {
      current = what
      const handler = handlerFor({ token, baseUrl: 'http://tray.test', fetch: inProcess.fetch })
      const response = await handler.request(CONNECTORS, { headers: SIGNED_IN })
      if (response.status !== status) unexpected.push(`${what}: ${response.status}`)
      await captures.addResponse(what, response)
    }
  })
  return { captures, unexpected, authorizations, upstreams: [inProcess, overHttp] }
}

/** Serves a handler on 127.0.0.1 with @hono/node-server, as a Node app would. */
function serveOnLoopback(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, hostname: '127.0.0.1', port: 0 },
      (info: AddressInfo) =>
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done())
              if ('closeAllConnections' in server) server.closeAllConnections()
            }),
        }),
    )
  })
}
