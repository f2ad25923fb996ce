import type { RunningFixture } from './_scenario'
import type { SpawnedServer } from './_spawn-server'

/** What the tests use of a Miniflare instance (typed here so Deno and Bun tests never load it). */
interface Workerd {
  dispatchFetch(input: string, init?: never): Promise<unknown>
  dispose(): Promise<void>
}

/** A fixture served by workerd through Miniflare, reached without a port. */
export function workerdFixture(miniflare: Workerd, url: string): RunningFixture {
  return {
    url,
    fetch: ((input: string, init?: RequestInit) =>
      miniflare.dispatchFetch(input, init as never)) as unknown as typeof fetch,
    stop: () => miniflare.dispose(),
  }
}

/** A fixture served by a child process over HTTP; `alsoClose` ends what it depends on after it. */
export function serverFixture(
  server: SpawnedServer,
  ...alsoClose: Array<{ close(): Promise<void> }>
): RunningFixture {
  return {
    url: server.url,
    fetch: globalThis.fetch,
    stop: async () => {
      await server.stop()
      for (const other of alsoClose) await other.close()
    },
  }
}
