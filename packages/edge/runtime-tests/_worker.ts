import { createKvStore, type KvNamespaceLike } from '../src/cloudflare'
import { createCacheApiStore } from '../src/index'
import { createFixtureApp } from './_fixture-app'

const app = createFixtureApp()

/** Each catalog store for Workers, written and read back on workerd itself. */
app.get('/__stores', async (c) => {
  const env = c.env as { CATALOG: KvNamespaceLike }
  const stores = {
    cacheApi: createCacheApiStore((caches as unknown as { default: Cache }).default),
    kv: createKvStore(env.CATALOG),
  }
  const read: Record<string, unknown> = {}
  for (const [name, store] of Object.entries(stores)) {
    await store.set('traykit:v1:test:connectors', [{ name: 'slack', version: '9.1' }], 60_000)
    read[name] = await store.get('traykit:v1:test:connectors')
  }
  return c.json(read)
})

export default app
