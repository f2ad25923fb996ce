import { describe, expect, it } from 'vitest'
import { createKvStore, type KvNamespaceLike } from './create-kv-store'

/** A KV namespace in memory that records the options of each put. */
function memoryKv() {
  const values = new Map<string, string>()
  const puts: { key: string; expirationTtl: number | undefined }[] = []
  const kv: KvNamespaceLike = {
    get: async (key) => {
      const text = values.get(key)
      return text === undefined ? null : JSON.parse(text)
    },
    put: async (key, value, options) => {
      values.set(key, value)
      puts.push({ key, expirationTtl: options?.expirationTtl })
    },
    delete: async (key) => {
      values.delete(key)
    },
  }
  return { kv, puts }
}

describe('createKvStore', () => {
  it('stores JSON values with a TTL in seconds, at least the minute KV requires', async () => {
    const { kv, puts } = memoryKv()
    const store = createKvStore(kv)
    await store.set('a', [{ name: 'slack' }], 300_000)
    await store.set('b', { x: 1 }, 5_000)
    expect(await store.get('a')).toEqual([{ name: 'slack' }])
    expect(puts).toEqual([
      { key: 'a', expirationTtl: 300 },
      { key: 'b', expirationTtl: 60 },
    ])
    await store.delete?.('a')
    expect(await store.get('a')).toBeNull()
  })
})
