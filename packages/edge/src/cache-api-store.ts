import type { CacheStore } from '@traykit/core'

/** Cache API keys must be URLs; this host is reserved and never resolves. */
const KEY_ORIGIN = 'https://traykit-catalog.invalid/'

/**
 * A catalog store over the Cache API (`caches.default` on Cloudflare Workers,
 * `caches.open('traykit')` on Deno), shared by every isolate of a location.
 */
export function createCacheApiStore(cache: Cache | Promise<Cache>): CacheStore {
  const keyOf = (key: string) => `${KEY_ORIGIN}${encodeURIComponent(key)}`
  return {
    async get(key) {
      const hit = await (await cache).match(keyOf(key))
      return hit ? hit.json() : undefined
    },
    async set(key, value, ttlMs) {
      const maxAge = Math.max(1, Math.ceil(ttlMs / 1000))
      const response = new Response(JSON.stringify(value), {
        headers: { 'content-type': 'application/json', 'cache-control': `max-age=${maxAge}` },
      })
      await (await cache).put(keyOf(key), response)
    },
    async delete(key) {
      await (await cache).delete(keyOf(key))
    },
  }
}
