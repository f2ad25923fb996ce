/**
 * Where the catalog cache keeps entries: memory by default, Workers' Cache API or KV at the
 * edge, a file for the CLI. Values are plain JSON; a store may drop any entry at any time.
 */
export interface CacheStore {
  get(key: string): unknown | Promise<unknown>
  set(key: string, value: unknown, ttlMs: number): void | Promise<void>
  delete?(key: string): void | Promise<void>
}

/** An in-memory LRU store with per-entry expiry. */
export function createMemoryStore(
  options: { maxEntries?: number; now?: () => number } = {},
): CacheStore & {
  readonly size: number
  clear(): void
} {
  const maxEntries = options.maxEntries ?? 500
  const now = options.now ?? Date.now
  const entries = new Map<string, { value: unknown; expiresAt: number }>()
  return {
    get size() {
      return entries.size
    },
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      entries.delete(key)
      if (entry.expiresAt <= now()) return undefined
      // Re-inserting moves the entry to the young end of the Map's insertion order.
      entries.set(key, entry)
      return entry.value
    },
    set(key, value, ttlMs) {
      entries.delete(key)
      entries.set(key, { value, expiresAt: now() + ttlMs })
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value
        if (oldest === undefined) break
        entries.delete(oldest)
      }
    },
    delete(key) {
      entries.delete(key)
    },
    clear() {
      entries.clear()
    },
  }
}
