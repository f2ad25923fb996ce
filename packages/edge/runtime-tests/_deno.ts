import { createCacheApiStore } from '../src/index'
import { createFixtureApp } from './_fixture-app'

declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen(address: { port: number }): void },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown
}

const app = createFixtureApp()

/** The Cache API store, written and read back on Deno itself. */
app.get('/__stores', async (c) => {
  const store = createCacheApiStore(caches.open('traykit-runtime-test'))
  await store.set('traykit:v1:test:connectors', [{ name: 'slack', version: '9.1' }], 60_000)
  return c.json({ cacheApi: await store.get('traykit:v1:test:connectors') })
})

Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(JSON.stringify({ port })) },
  app.fetch,
)
