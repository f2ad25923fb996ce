import { afterEach, describe, expect, it, vi } from 'vitest'
import { TrayNotFoundError } from '../errors/tray-api-error'
import { TrayAbortError } from '../errors/tray-transport-errors'
import {
  CONNECTORS,
  OPERATIONS,
  type Step,
  scriptedFetch,
  TOKEN,
} from './__fixtures__/scripted-fetch'
import type { CacheStore } from './cache-store'
import { CatalogCache } from './catalog-cache'
import { createTrayClient } from './create-tray-client'

/** A load that waits until `finish` is called, and shows the signal it was given. */
function pendingLoad() {
  let finish: (value: string) => void = () => {}
  const signals: AbortSignal[] = []
  const load = (signal: AbortSignal) => {
    signals.push(signal)
    return new Promise<string>((resolve, reject) => {
      finish = resolve
      signal.addEventListener('abort', () => reject(new TrayAbortError()), { once: true })
    })
  }
  return { load, signals, finish: (value: string) => finish(value) }
}

describe('CatalogCache: aborting a shared read', () => {
  it('ends one caller’s wait, and the load goes on for the others', async () => {
    const cache = new CatalogCache(undefined)
    const { load, signals, finish } = pendingLoad()
    const leaving = new AbortController()
    const first = cache.read('k', 1000, load, leaving.signal)
    const second = cache.read('k', 1000, load, new AbortController().signal)
    leaving.abort()
    await expect(first).rejects.toBeInstanceOf(TrayAbortError)
    expect(signals).toHaveLength(1)
    expect(signals[0]?.aborted).toBe(false)
    finish('catalog')
    await expect(second).resolves.toBe('catalog')
  })

  it('ends the load when every caller has aborted, and the next read starts a new one', async () => {
    const cache = new CatalogCache(undefined)
    const { load, signals, finish } = pendingLoad()
    const callers = [new AbortController(), new AbortController()]
    const reads = callers.map((c) => cache.read('k', 1000, load, c.signal))
    for (const c of callers) c.abort()
    for (const read of reads) await expect(read).rejects.toBeInstanceOf(TrayAbortError)
    expect(signals[0]?.aborted).toBe(true)
    const again = cache.read('k', 1000, load)
    expect(signals).toHaveLength(2)
    expect(signals[1]?.aborted).toBe(false)
    finish('fresh')
    await expect(again).resolves.toBe('fresh')
  })

  it('never ends a load that a caller without a signal waits on', async () => {
    const cache = new CatalogCache(undefined)
    const { load, signals, finish } = pendingLoad()
    const leaving = new AbortController()
    const patient = cache.read('k', 1000, load)
    const aborted = cache.read('k', 1000, load, leaving.signal)
    leaving.abort()
    await expect(aborted).rejects.toBeInstanceOf(TrayAbortError)
    expect(signals[0]?.aborted).toBe(false)
    finish('catalog')
    await expect(patient).resolves.toBe('catalog')
  })

  it('refuses at once a signal that aborted while an async store answered', async () => {
    const leaving = new AbortController()
    const cache = new CatalogCache({
      get: async () => {
        leaving.abort()
        return undefined
      },
      set: () => {},
    })
    const { load, signals } = pendingLoad()
    await expect(cache.read('k', 1000, load, leaving.signal)).rejects.toBeInstanceOf(TrayAbortError)
    expect(signals).toHaveLength(0)
  })
})

describe('a client read aborted by its only caller', () => {
  it('ends the request itself, not only the wait', async () => {
    const server = scriptedFetch({ stall: 'headers' })
    const seen: AbortSignal[] = []
    const fetch: typeof globalThis.fetch = (input, init) => {
      if (init?.signal) seen.push(init.signal)
      return server.fetch(input, init)
    }
    const tray = createTrayClient({ token: TOKEN, fetch })
    const caller = new AbortController()
    const read = tray.listConnectors({ signal: caller.signal })
    await new Promise((resolve) => setTimeout(resolve, 0))
    caller.abort()
    await expect(read).rejects.toBeInstanceOf(TrayAbortError)
    expect(server.requests).toHaveLength(1)
    expect(seen[0]?.aborted).toBe(true)
  })

  it('leaves nothing behind: the next read sends a request of its own', async () => {
    const server = scriptedFetch({ stall: 'headers' }, { status: 200, body: CONNECTORS })
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
    const caller = new AbortController()
    const read = tray.listConnectors({ signal: caller.signal })
    await new Promise((resolve) => setTimeout(resolve, 0))
    caller.abort()
    await expect(read).rejects.toBeInstanceOf(TrayAbortError)
    await expect(tray.listConnectors()).resolves.toHaveLength(4)
    expect(server.requests).toHaveLength(2)
  })
})

describe('404s of catalog reads are remembered briefly (cache.notFoundTtlMs)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })
  const notFound: Step = { status: 404, body: { message: 'Connector version not found' } }
  const read = (tray: ReturnType<typeof createTrayClient>) =>
    tray.listOperations('slack', '99.0').then(
      () => undefined,
      (error: unknown) => error as TrayNotFoundError,
    )

  it('a storm of reads of an unknown version costs one upstream read per 10 s', async () => {
    vi.useFakeTimers()
    const server = scriptedFetch(notFound)
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch })
    // Concurrent identical misses share one request.
    const storm = await Promise.all(Array.from({ length: 50 }, () => read(tray)))
    expect(server.requests).toHaveLength(1)
    // Later ones within the period are answered from the cache.
    for (let i = 0; i < 20; i++) storm.push(await read(tray))
    expect(server.requests).toHaveLength(1)
    for (const error of storm) {
      expect(error).toBeInstanceOf(TrayNotFoundError)
      expect(error).toMatchObject({ status: 404, message: 'Connector version not found' })
    }
    // Each remembered 404 is thrown as an error of its own.
    expect(storm[60]).not.toBe(storm[61])
    expect(storm[60]?.body).toEqual({ message: 'Connector version not found' })
    expect(storm[60]?.body).not.toBe(storm[61]?.body)
    await vi.advanceTimersByTimeAsync(10_001)
    await read(tray)
    expect(server.requests).toHaveLength(2)
  })

  it('a version published meanwhile is read once the period ends', async () => {
    vi.useFakeTimers()
    const server = scriptedFetch(notFound, { status: 200, body: OPERATIONS })
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: { notFoundTtlMs: 1000 },
    })
    expect(await read(tray)).toBeInstanceOf(TrayNotFoundError)
    await vi.advanceTimersByTimeAsync(1001)
    await expect(tray.listOperations('slack', '99.0')).resolves.toHaveLength(
      OPERATIONS.elements.length,
    )
  })

  it('notFoundTtlMs: 0 remembers none, and other failures are never remembered', async () => {
    const server = scriptedFetch(notFound)
    const tray = createTrayClient({
      token: TOKEN,
      fetch: server.fetch,
      cache: { notFoundTtlMs: 0 },
    })
    await read(tray)
    await read(tray)
    expect(server.requests).toHaveLength(2)
    const failing = scriptedFetch({ status: 400, body: { message: 'bad' } })
    const other = createTrayClient({ token: TOKEN, fetch: failing.fetch })
    await read(other)
    await read(other)
    expect(failing.requests).toHaveLength(2)
  })

  it('works with a store that keeps JSON text (KV, a file)', async () => {
    const texts = new Map<string, string>()
    const store: CacheStore = {
      get: async (key) => {
        const text = texts.get(key)
        return text === undefined ? undefined : JSON.parse(text)
      },
      set: async (key, value) => {
        texts.set(key, JSON.stringify(value))
      },
    }
    const server = scriptedFetch(notFound)
    const tray = createTrayClient({ token: TOKEN, fetch: server.fetch, cache: store })
    await read(tray)
    const again = await read(tray)
    expect(again).toBeInstanceOf(TrayNotFoundError)
    expect(again?.message).toBe('Connector version not found')
    expect(server.requests).toHaveLength(1)
  })

  it('must be a number of at least 0', () => {
    expect(() => createTrayClient({ token: TOKEN, cache: { notFoundTtlMs: -1 } })).toThrow(
      'cache.notFoundTtlMs must be a number of at least 0',
    )
  })
})
