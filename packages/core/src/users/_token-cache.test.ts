import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CacheStore, createMemoryStore } from '../client/cache-store'
import { createTokenCache } from './_token-cache'

const LIFETIME = 2 * 24 * 60 * 60_000
const REFRESH_BEFORE = 5 * 60_000

/** A token cache over a fake Tray whose tokens say whose they are, and a clock the test moves. */
function setup(options: { store?: CacheStore; clock?: { t: number } } = {}) {
  const clock = options.clock ?? { t: 1_000_000 }
  const issued: string[] = []
  let serial = 0
  const cache = createTokenCache({
    store: options.store ?? createMemoryStore({ now: () => clock.t }),
    scope: 'test',
    now: () => clock.t,
    refreshBeforeMs: REFRESH_BEFORE,
    lifetimeMs: LIFETIME,
    async issue(externalUserId) {
      issued.push(externalUserId)
      // Tray takes a moment: concurrent callers must be waiting on the same request.
      await new Promise((resolve) => setTimeout(resolve, 0))
      return {
        accessToken: `token-of|${encodeURIComponent(externalUserId)}|${++serial}`,
        userId: `id-${externalUserId}`,
      }
    },
  })
  return { cache, issued, clock }
}

const ownerOf = (token: string) => decodeURIComponent(token.split('|')[1] as string)
// Ids that stress the key: separators, encodings, a prefix of another id, unicode.
const userId = fc.oneof(
  fc.constantFrom('a', 'a:b', 'a%3Ab', 'ab', 'A', 'a b', 'é', '__proto__', 'user 1'),
  fc.string({ minLength: 1, maxLength: 12 }),
)

describe('user token cache', () => {
  it('concurrent token() calls for one user make one request to Tray', async () => {
    await fc.assert(
      fc.asyncProperty(userId, fc.integer({ min: 1, max: 40 }), async (id, n) => {
        const { cache, issued } = setup()
        const tokens = await Promise.all(Array.from({ length: n }, () => cache.get(id)))
        expect(issued).toEqual([id])
        expect(new Set(tokens).size).toBe(1)
        // And later ones are served from the cache.
        await cache.get(id)
        expect(issued).toHaveLength(1)
      }),
      { numRuns: 50 },
    )
  })

  it('N users make N requests, and each gets its own token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(userId, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 5 }),
        async (ids, perUser) => {
          const { cache, issued } = setup()
          const asks = ids.flatMap((id) => Array.from({ length: perUser }, () => id))
          const answers = await Promise.all(asks.map((id) => cache.get(id)))
          expect([...issued].sort()).toEqual([...ids].sort())
          expect(answers.map(ownerOf)).toEqual(asks)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('refreshes once when the token nears expiry, however many ask at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        userId,
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: LIFETIME - REFRESH_BEFORE, max: 3 * LIFETIME }),
        async (id, n, later) => {
          const { cache, issued, clock } = setup()
          const first = await cache.get(id)
          clock.t += LIFETIME - REFRESH_BEFORE - 1
          expect(await cache.get(id)).toBe(first)
          clock.t += later - (LIFETIME - REFRESH_BEFORE - 1)
          const next = await Promise.all(Array.from({ length: n }, () => cache.get(id)))
          expect(issued).toEqual([id, id])
          expect(new Set(next).size).toBe(1)
          expect(next[0]).not.toBe(first)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('a token refused with 401 is refreshed once, however many requests were refused', async () => {
    await fc.assert(
      fc.asyncProperty(userId, fc.integer({ min: 1, max: 20 }), async (id, n) => {
        const { cache, issued } = setup()
        const stale = await cache.get(id)
        // Every refused request invalidates the token it used, then asks again: some at once,
        // some after the new token arrived.
        const refused = async () => {
          await cache.invalidate(id, stale)
          return cache.get(id)
        }
        const fresh = await Promise.all(Array.from({ length: n }, refused))
        for (let i = 0; i < n; i++) fresh.push(await refused())
        expect(issued).toEqual([id, id])
        expect(new Set(fresh).size).toBe(1)
        expect(fresh[0]).not.toBe(stale)
        // A late 401 of the old token changes nothing any more.
        await cache.invalidate(id, stale)
        expect(await cache.get(id)).toBe(fresh[0])
        expect(issued).toHaveLength(2)
      }),
      { numRuns: 50 },
    )
  })

  it('tokens never cross between users, whatever the interleaving', async () => {
    const op = fc.record({
      id: fc.constantFrom('alice', 'bob', 'carol', 'alice:x', 'alice%3Ax'),
      kind: fc.constantFrom('get', 'get', 'get', 'refresh', 'invalidate', 'tick'),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        async (ops, shared) => {
          const clock = { t: 0 }
          // Two instances behind one store (a KV or Redis) when `shared`.
          const store = createMemoryStore({ now: () => clock.t })
          const a = setup({ clock, store })
          const b = shared ? setup({ clock, store }) : a
          const pending = ops.map(async ({ id, kind }, i) => {
            const cache = i % 2 ? a.cache : b.cache
            if (kind === 'tick') clock.t += LIFETIME / 3
            if (kind === 'invalidate') return cache.invalidate(id)
            const token = await cache.get(id, { refresh: kind === 'refresh' })
            expect(ownerOf(token)).toBe(id)
            expect(cache.ownerOf(token)).toBe(id)
          })
          await Promise.all(pending)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('a second instance on the same store uses the token the first one got', async () => {
    const clock = { t: 0 }
    const store = createMemoryStore({ now: () => clock.t })
    const a = setup({ clock, store })
    const b = setup({ clock, store })
    const token = await a.cache.get('alice')
    expect(await b.cache.get('alice')).toBe(token)
    expect(b.issued).toEqual([])
  })

  it('a store that fails or holds garbage is a miss, never an error or a wrong token', async () => {
    const broken: CacheStore = {
      get: () => Promise.reject(new Error('store down')),
      set: () => Promise.reject(new Error('store down')),
    }
    const { cache, issued } = setup({ store: broken })
    expect(ownerOf(await cache.get('alice'))).toBe('alice')
    const junk: CacheStore = { get: () => ({ accessToken: 42 }), set: () => {} }
    const other = setup({ store: junk })
    expect(ownerOf(await other.cache.get('bob'))).toBe('bob')
    expect(issued).toEqual(['alice'])
  })

  it('keys hold the scope and the encoded user id only', async () => {
    const keys: string[] = []
    const store = createMemoryStore()
    const spy: CacheStore = {
      get: (k) => {
        keys.push(k)
        return store.get(k)
      },
      set: (k, v, ttl) => {
        keys.push(k)
        return store.set(k, v, ttl)
      },
    }
    const { cache } = setup({ store: spy })
    await cache.get('a:b')
    expect(new Set(keys)).toEqual(new Set(['test:a%3Ab']))
  })
})
