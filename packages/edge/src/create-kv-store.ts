import type { CacheStore } from '@traykit/core'

/** The part of a Workers KV namespace binding the store uses. */
export interface KvNamespaceLike {
  get(key: string, type: 'json'): Promise<unknown>
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>
  delete(key: string): Promise<void>
}

/** KV refuses expirations shorter than a minute. */
const KV_MIN_TTL_SECONDS = 60

/** A catalog store over a Workers KV namespace, shared by every location (eventually consistent). */
export function createKvStore(kv: KvNamespaceLike): CacheStore {
  return {
    get: (key) => kv.get(key, 'json'),
    set: (key, value, ttlMs) =>
      kv.put(key, JSON.stringify(value), {
        expirationTtl: Math.max(KV_MIN_TTL_SECONDS, Math.ceil(ttlMs / 1000)),
      }),
    delete: (key) => kv.delete(key),
  }
}
