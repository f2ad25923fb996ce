import type { CacheStore } from '../client/cache-store'
import type { RequestOptions } from '../client/client-options'
import type { TrayRegion } from '../client/regions'

/** Options of `createTrayUsers`. */
export interface TrayUsersOptions {
  /** The account's master token. It stays on the server: never send it to a browser. */
  masterToken: string
  /** Tray region, `'us'` by default: the GraphQL API of `tray.io`, `eu1.tray.io` or `ap1.tray.io`. */
  region?: TrayRegion | undefined
  /** Another server speaking Tray's GraphQL API (the mock): requests go to `<baseUrl>/graphql`. */
  baseUrl?: string | undefined
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch | undefined
  /**
   * Where user tokens are cached: memory by default; a KV or Redis store shares them between
   * instances. Keys hold a one-way fingerprint of the master token and the external user id,
   * never the master token; values hold the user token, so the store must be private.
   */
  store?: CacheStore | undefined
  /** Milliseconds per attempt, including reading the body. Default 30 000. */
  timeout?: number | undefined
  /** Retries of queries after a retryable failure; mutations only when provably not sent. Default 2. */
  maxRetries?: number | undefined
  /** Get a new user token this long before the cached one expires. Default 300 000 (5 minutes). */
  refreshBeforeMs?: number | undefined
  /** The clock, in ms since the epoch (`Date.now` by default): for tests and simulations. */
  now?: (() => number) | undefined
}

/** A Tray end user. */
export interface TrayUser {
  /** Tray's id of the user (what `authorize` takes). */
  userId: string
  name: string
  /** Your own id of the user; `null` for a Tray user not linked to one. */
  externalUserId: string | null
  /** A test user is not billed. */
  isTestUser: boolean
}

/** What `ensure` finds or creates. */
export interface EnsureUserInput {
  /** Your own id of the user (the key of every other method). */
  externalUserId: string
  /** The name Tray shows. */
  name: string
  /** `true` for a user Tray does not bill. Default false. */
  isTestUser?: boolean | undefined
}

/** Options of `token`. */
export interface TokenOptions extends RequestOptions {
  /** Get a new token even if a cached one is still valid (after Tray refused it with a 401). */
  refresh?: boolean | undefined
}

/** Options of `list`. */
export interface ListUsersOptions extends RequestOptions {
  /** Only users with this name. */
  name?: string | undefined
  /** Only test users (`true`) or only billed users (`false`). */
  isTestUser?: boolean | undefined
}

/** End users of one Tray account, and their user tokens. */
export interface TrayUsers {
  /** Finds the user with this `externalUserId`, or creates it (never twice, even when two calls race). */
  ensure(user: EnsureUserInput, options?: RequestOptions): Promise<TrayUser>
  /** The user with this `externalUserId`, or `undefined`. */
  find(externalUserId: string, options?: RequestOptions): Promise<TrayUser | undefined>
  /** Every user of the account, page after page (`for await`). */
  list(options?: ListUsersOptions): AsyncIterable<TrayUser>
  /**
   * Removes the user with this `externalUserId` from Tray and forgets its cached token.
   * `false` when there was no such user.
   */
  remove(externalUserId: string, options?: RequestOptions): Promise<boolean>
  /**
   * A user token for this user: cached until `refreshBeforeMs` before it expires, one request
   * to Tray at a time per user. Throws `TrayNotFoundError` for a user `ensure` has not created.
   */
  token(externalUserId: string, options?: TokenOptions): Promise<string>
  /**
   * Forgets the cached token of this user, so the next `token()` gets a new one. With `token`,
   * only if the cache still holds that one (so many requests refused at once refresh it once).
   */
  invalidate(externalUserId: string, token?: string): Promise<void>
  /**
   * A fetch for `createTrayClient` or `createTrayHandler` that, when Tray answers 401 to a
   * user token this object handed out, gets the user a new token once and sends the request
   * again with it (a 401 means Tray refused it before running it).
   */
  refreshOn401(fetch?: typeof globalThis.fetch): typeof globalThis.fetch
}
