import { join } from 'node:path'
import { createMockTray, type MockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import { bundle } from './_bundle'
import { LOAD_TOKEN } from './_load-mix'
import type { MemoryFigures } from './_node-app'
import { serverFixture } from './_running-fixture'
import { spawnServer } from './_spawn-server'

/** The built handler served by Node in a process of its own, and the mock Tray behind it. */
export interface NodeTarget {
  /** The handler's origin. */
  url: string
  /** The upstream, served over HTTP from this process. */
  mock: MockTray
  /** The handler process's memory after a full GC. */
  memory(): Promise<MemoryFigures>
  stop(): Promise<void>
}

/**
 * Starts the mock Tray on 127.0.0.1 here, and the package's build on @hono/node-server in a
 * child process in front of it, so that the load generator and the server under load do not
 * share an event loop. `name` keeps each test file's bundle apart.
 */
export async function startNodeTarget(name: string): Promise<NodeTarget> {
  const mock = createMockTray({ tokens: [LOAD_TOKEN] })
  const upstream = await listen(mock)
  try {
    const script = await bundle(join(import.meta.dirname, '_node-main.ts'), {
      name,
      platform: 'node',
      built: true,
    })
    const server = await spawnServer(process.execPath, [script, upstream.url])
    const { url, stop } = serverFixture(server, upstream)
    return {
      url,
      mock,
      memory: async () => (await (await fetch(`${url}/__memory`)).json()) as MemoryFigures,
      stop,
    }
  } catch (error) {
    await upstream.close()
    throw error
  }
}
