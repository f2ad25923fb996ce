/// <reference types="node" />
// The one Node-only entry point: everything else runs on any runtime with fetch.
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { ParsedCatalog } from './catalog/mock-catalog'
import { MockCatalogError, parseCatalog } from './catalog/parse-catalog'
import type { MockTray } from './mock-tray-types'
import { isDropped } from './server/_dropped-connection'

/** A mock served over HTTP. */
export interface ListeningMockTray {
  /** `http://127.0.0.1:<port>`: the `baseUrl` for a client. */
  url: string
  port: number
  /** Stops the server and closes every open connection, so the port is free at once. */
  close(): Promise<void>
}

/** Serves a mock on 127.0.0.1 (port 0, the default, picks a free port). */
export function listen(mock: MockTray, port = 0): Promise<ListeningMockTray> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        hostname: '127.0.0.1',
        port,
        fetch: async (request, env) => {
          const response = await mock.app.fetch(request, env)
          if (!isDropped(response)) return response
          env.incoming.socket?.destroy()
          // Nothing reaches the destroyed socket; an empty answer keeps the adapter quiet.
          return new Response(null)
        },
      },
      (info: AddressInfo) => {
        server.off('error', reject)
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()))
              // Keep-alive sockets would hold the port until they time out.
              if ('closeAllConnections' in server) server.closeAllConnections()
            }),
        })
      },
    )
    server.once('error', reject)
  })
}

/** Reads a catalog from a JSON file and checks it (see `parseCatalog`). */
export async function loadCatalogFile(path: string): Promise<ParsedCatalog> {
  const text = await readFile(path, 'utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new MockCatalogError([
      { path: '', message: `${path} is not JSON: ${(error as Error).message}` },
    ])
  }
  return parseCatalog(json)
}
