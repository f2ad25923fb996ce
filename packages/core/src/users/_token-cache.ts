import * as v from 'valibot'
import type { CacheStore } from '../client/cache-store'
import { TrayAbortError } from '../errors/tray-transport-errors'
import { BoundedMap } from './_bounded-map'

/** A user token as cached: the token, whose it is, and when it expires (ms since the epoch). */
export interface CachedToken {
  accessToken: string
  userId: string
  expiresAt: number
}

// A shared store (KV, Redis) may hand back anything: what does not fit is a miss.
const CachedTokenSchema = v.object({
  accessToken: v.pipe(v.string(), v.minLength(1)),
  userId: v.pipe(v.string(), v.minLength(1)),
  expiresAt: v.number(),
})

/** How many users' tokens, ids and owners one instance remembers in memory. */
const MEMO_SIZE = 10_000

export interface TokenCacheConfig {
  store: CacheStore
  /** The key prefix: a one-way fingerprint of the server and master token, never the token. */
  scope: string
  now: () => number
  refreshBeforeMs: number
  lifetimeMs: number
  /** Gets a new token from Tray for this user (the cached entry's user id, if any, as a hint). */
  issue(
    externalUserId: string,
    signal: AbortSignal | undefined,
  ): Promise<{ accessToken: string; userId: string }>
}

/**
 * User tokens per external user id: served from memory, then the store, then Tray, with one
 * request to Tray in flight per user. Every key is the user's own, so two users' tokens
 * never meet.
 */
export function createTokenCache(config: TokenCacheConfig) {
  const { store, now } = config
  const flights = new Map<string, Promise<CachedToken>>()
  // What this instance issued or read last, checked synchronously: a flight that ends while a
  // caller waits on the store is seen before that caller starts another one.
  const memo = new BoundedMap<string, CachedToken>(MEMO_SIZE)
  // Tokens this instance handed out, and whose they are, for `refreshOn401`.
  const owners = new BoundedMap<string, string>(MEMO_SIZE)

  const keyOf = (externalUserId: string) => `${config.scope}:${encodeURIComponent(externalUserId)}`
  const usable = (entry: CachedToken | undefined) =>
    entry !== undefined && entry.expiresAt - config.refreshBeforeMs > now() ? entry : undefined

  async function readStore(key: string): Promise<CachedToken | undefined> {
    try {
      const parsed = v.safeParse(CachedTokenSchema, await store.get(key))
      return parsed.success ? parsed.output : undefined
    } catch {
      // A store that fails is a miss: Tray can still issue a token.
      return undefined
    }
  }

  function handOut(externalUserId: string, entry: CachedToken): string {
    owners.set(entry.accessToken, externalUserId)
    return entry.accessToken
  }

  async function get(
    externalUserId: string,
    options: { refresh?: boolean | undefined; signal?: AbortSignal | undefined } = {},
  ): Promise<string> {
    const key = keyOf(externalUserId)
    if (options.refresh) {
      await invalidate(externalUserId)
    } else {
      const cached = usable(memo.get(key))
      if (cached) return handOut(externalUserId, cached)
      if (!flights.has(key)) {
        const stored = usable(await readStore(key))
        if (stored) {
          memo.set(key, stored)
          return handOut(externalUserId, stored)
        }
      }
      // A flight may have ended while the store was read.
      const landed = usable(memo.get(key))
      if (landed) return handOut(externalUserId, landed)
    }
    // No await from the check above to here: concurrent callers for one user join one flight.
    let flight = flights.get(key)
    if (!flight) {
      flight = issue(externalUserId, key)
      flights.set(key, flight)
      const done = () => {
        if (flights.get(key) === flight) flights.delete(key)
      }
      flight.then(done, done)
    }
    return handOut(externalUserId, await abortable(flight, options.signal))
  }

  async function issue(externalUserId: string, key: string): Promise<CachedToken> {
    // The lifetime runs from before the request: the token cannot outlive what is assumed.
    const issuedAt = now()
    // The flight serves every waiting caller: none of their signals cancels it.
    const { accessToken, userId } = await config.issue(externalUserId, undefined)
    const entry: CachedToken = { accessToken, userId, expiresAt: issuedAt + config.lifetimeMs }
    memo.set(key, entry)
    try {
      await store.set(key, entry, config.lifetimeMs)
    } catch {
      // The token is good; a store that fails only means the next instance asks Tray too.
    }
    return entry
  }

  async function invalidate(externalUserId: string, token?: string): Promise<void> {
    const key = keyOf(externalUserId)
    const held = memo.get(key)
    if (held && (token === undefined || held.accessToken === token)) memo.delete(key)
    if (token !== undefined && (await readStore(key))?.accessToken !== token) return
    try {
      if (store.delete) await store.delete(key)
      // A store without delete: an entry that expires at once and does not parse as a token.
      else await store.set(key, null, 1)
    } catch {
      // Tray refuses the old token anyway; the next 401 tries again.
    }
  }

  return {
    get,
    invalidate,
    /** The external user id a token was handed out for, if this instance handed it out. */
    ownerOf: (token: string) => owners.get(token),
    /** The tokens this instance handed out (the latest 10 000), to redact from errors. */
    handedOut: () => owners.keys(),
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
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
