import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { serve } from '@hono/node-server'
// The package's own name: the load tests and the bench bundle this file with it resolved to
// the built dist, as an installed copy would be.
import { createTrayHandler } from '@traykit/edge'
import { Hono } from 'hono'
import { LOAD_MAX_BODY_BYTES, LOAD_SESSION, LOAD_TOKEN } from './_load-mix'

/** A heap figure taken after a full collection, so that garbage does not count as growth. */
export interface MemoryFigures {
  heapUsed: number
  rss: number
}

/**
 * Serves the handler as a Node user does (@hono/node-server on 127.0.0.1) in front of the Tray
 * at `upstream`, with its defaults but a small `maxBodyBytes`; `GET /__memory` reports this
 * process's memory after a full GC. Resolves with the port.
 */
export function serveNodeApp(upstream: string): Promise<number> {
  const collectGarbage = exposedGc()
  const app = new Hono()
  app.get('/__memory', (c) => {
    collectGarbage()
    const { heapUsed, rss } = process.memoryUsage()
    return c.json({ heapUsed, rss } satisfies MemoryFigures)
  })
  app.route(
    '/',
    createTrayHandler({
      token: LOAD_TOKEN,
      authorize: (c) => c.req.header('authorization') === LOAD_SESSION,
      allow: { slack: ['send_message'] },
      baseUrl: upstream,
      maxBodyBytes: LOAD_MAX_BODY_BYTES,
    }),
  )
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(info.port))
  })
}

/** `gc()`, without asking whoever starts this process for `--expose-gc`. */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
