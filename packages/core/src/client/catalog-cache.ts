import { TrayNotFoundError } from '../errors/tray-api-error'
import { TrayAbortError } from '../errors/tray-transport-errors'
import { loadOnce } from './_load-once'
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
  /**
   * How long a 404 of a catalog read (an unknown connector version) is remembered, so a storm
   * of reads for versions that do not exist costs one upstream read per version and period.
   * Default 10 seconds; 0 remembers none.
   */
  notFoundTtlMs?: number
}

/**
 * How a remembered 404 sits in a store: plain JSON beside the catalog's arrays, under a key no
 * catalog answer has. Its request id is left out: a 404 thrown again comes from no request.
 */
export interface NotFoundMarker {
  'traykit:notFound': { message: string; code: string | null; body?: unknown }
}

const MARKER = 'traykit:notFound'

// Writing a remembered 404 and reading one back are the error path's: loaded with it.
const loadFailures = loadOnce(() => import('./_failures'))

/** A load that callers share, and who still waits on it. */
interface SharedLoad {
  promise: Promise<unknown>
  controller: AbortController
  /** Callers with a signal that has not aborted. */
  waiting: number
  /** A caller without a signal waits too: nothing can end the load then. */
  pinned: boolean
}

/**
 * Reads through a cache store, and makes concurrent reads of one key share one load.
 * A caller's abort ends its own wait; the load itself ends when every caller has aborted,
 * and never while one is still waiting on it.
 */
export class CatalogCache {
  readonly #store: CacheStore | undefined
  readonly #inflight = new Map<string, SharedLoad>()
  readonly #notFoundTtlMs: number

  constructor(store: CacheStore | undefined, options: { notFoundTtlMs?: number } = {}) {
    this.#store = store
    this.#notFoundTtlMs = options.notFoundTtlMs ?? 0
  }

  async read<T>(
    key: string,
    ttlMs: number,
    load: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    if (signal?.aborted) throw new TrayAbortError()
    if (this.#store) {
      const hit = await this.#store.get(key)
      if (isNotFoundMarker(hit)) {
        throw new TrayNotFoundError((await loadFailures()).rememberedNotFound(hit))
      }
      if (hit !== undefined && hit !== null) return hit as T
      // The signal may have aborted while an async store answered.
      if (signal?.aborted) throw new TrayAbortError()
    }
    const shared = this.#inflight.get(key) ?? this.#start(key, ttlMs, load)
    if (!signal) {
      shared.pinned = true
      return shared.promise as Promise<T>
    }
    shared.waiting++
    return raceAbort(shared.promise as Promise<T>, signal, () => {
      shared.waiting--
      if (shared.waiting > 0 || shared.pinned) return
      // Nobody waits any more: end the request, and let the next read start afresh.
      if (this.#inflight.get(key) === shared) this.#inflight.delete(key)
      shared.controller.abort()
    })
  }

  #start<T>(key: string, ttlMs: number, load: (signal: AbortSignal) => Promise<T>): SharedLoad {
    const controller = new AbortController()
    const loaded = load(controller.signal).then(
      async (value) => {
        await this.#store?.set(key, value, ttlMs)
        return value
      },
      async (error: unknown) => {
        if (error instanceof TrayNotFoundError && this.#notFoundTtlMs > 0 && this.#store) {
          try {
            const { notFoundMarker } = await loadFailures()
            await this.#store.set(key, notFoundMarker(error), this.#notFoundTtlMs)
          } catch {
            // Not remembered: the 404 itself is what the callers need to hear.
          }
        }
        throw error
      },
    )
    const shared: SharedLoad = { promise: loaded, controller, waiting: 0, pinned: false }
    shared.promise = loaded.finally(() => {
      if (this.#inflight.get(key) === shared) this.#inflight.delete(key)
    })
    // Nobody may be waiting when it fails (all aborted): keep that from being "unhandled".
    shared.promise.catch(() => {})
    this.#inflight.set(key, shared)
    return shared
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      reject(new TrayAbortError())
      onAbort()
    }
    signal.addEventListener('abort', abort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort)
        reject(error)
      },
    )
  })
}

function isNotFoundMarker(value: unknown): value is NotFoundMarker {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const entry = (value as Record<string, unknown>)[MARKER]
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof (entry as { message?: unknown }).message === 'string'
  )
}
