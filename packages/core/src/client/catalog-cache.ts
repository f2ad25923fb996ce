import { TrayAbortError } from '../errors/tray-transport-errors'
import type { CacheStore } from './cache-store'

/** How the client caches catalog reads (connector list, operations per version). */
export interface CatalogCacheOptions {
  /** Where entries live. Default: an in-memory LRU of 500 entries per client. */
  store?: CacheStore
  /** How long the connector list is fresh. Default 5 minutes. */
  connectorsTtlMs?: number
  /**
   * How long a `name@version`'s operations are kept. A published version's operations do not
   * change, so the default is a day; the LRU bound is what keeps memory in check.
   */
  operationsTtlMs?: number
}

/**
 * Reads through a cache store, and makes concurrent reads of one key share one load.
 * A caller's abort ends its own wait, never the shared load other callers are waiting on.
 */
export class CatalogCache {
  readonly #store: CacheStore | undefined
  readonly #inflight = new Map<string, Promise<unknown>>()

  constructor(store: CacheStore | undefined) {
    this.#store = store
  }

  async read<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    if (signal?.aborted) throw new TrayAbortError()
    if (this.#store) {
      const hit = await this.#store.get(key)
      if (hit !== undefined && hit !== null) return hit as T
    }
    let shared = this.#inflight.get(key) as Promise<T> | undefined
    if (!shared) {
      shared = load().then(async (value) => {
        await this.#store?.set(key, value, ttlMs)
        return value
      })
      const settled = shared.finally(() => this.#inflight.delete(key))
      // Nobody may be waiting when it fails (all aborted): keep that from being "unhandled".
      settled.catch(() => {})
      this.#inflight.set(key, settled)
    }
    return signal ? raceAbort(shared, signal) : shared
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new TrayAbortError())
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TrayAbortError())
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
