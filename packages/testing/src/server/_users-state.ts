import type { ParsedCatalog } from '../catalog/mock-catalog'
import type { MockState } from './_state'

/** Tray: a user token is valid for 2 days (TRAY_API.md). */
export const USER_TOKEN_LIFETIME_MS = 2 * 24 * 60 * 60_000

/** A Tray end user in the mock, linked to the master token (the account) that created it. */
export interface MockExternalUser {
  id: string
  name: string
  externalUserId: string
  isTestUser: boolean
  /** The master token that created it: its account. */
  account: string
}

/** End users, their tokens and the clock their tokens expire on. */
export interface MockUsersState {
  users: Map<string, MockExternalUser>
  /** Issued user tokens: whose, and until when (on the mock's clock). */
  tokens: Map<string, { userId: string; expiresAt: number }>
  /** How far the test moved the mock's clock ahead of the real one (`mock.clock.advance`). */
  offsetMs: number
  /** `service { name version }` of each service environment, for `viewer.authentications`. */
  serviceOf: ReadonlyMap<string, { name: string; version: number }>
}

/** The users part of a new mock's state. */
export function createUsersState(catalog: ParsedCatalog): MockUsersState {
  const serviceOf = new Map(
    catalog.services.flatMap((s) =>
      s.environments.map((e) => [e.id, { name: s.name, version: s.version }] as const),
    ),
  )
  return { users: new Map(), tokens: new Map(), offsetMs: 0, serviceOf }
}

/** Back to no users, no tokens and the real time. */
export function resetUsersState(users: MockUsersState): void {
  users.users.clear()
  users.tokens.clear()
  users.offsetMs = 0
}

/** The mock's time, in ms since the epoch. */
export function mockNow(state: MockState): number {
  return Date.now() + state.users.offsetMs
}

// The caller of a user token is its user, whichever token of theirs it is: a key no bearer
// token can equal (tokens have no spaces), so authentications follow the user across refreshes.
const USER_PREFIX = 'user '

/** The key that owns what a user token creates. */
export function userKey(userId: string): string {
  return `${USER_PREFIX}${userId}`
}

/** The user behind a caller key, if it is a user's. */
export function userOfKey(state: MockState, key: string): MockExternalUser | undefined {
  return key.startsWith(USER_PREFIX)
    ? state.users.users.get(key.slice(USER_PREFIX.length))
    : undefined
}

/**
 * Who a bearer token acts as: a user's key for a live user token, the token itself for a master
 * token, undefined (Tray's 401) for none, an unknown token or an expired user token.
 */
export function callerOf(state: MockState, token: string | undefined): string | undefined {
  if (token === undefined) return undefined
  const issued = state.users.tokens.get(token)
  if (issued) {
    const live = issued.expiresAt > mockNow(state) && state.users.users.has(issued.userId)
    return live ? userKey(issued.userId) : undefined
  }
  if (state.tokens !== undefined && !state.tokens.has(token)) return undefined
  return token
}

/**
 * Whether a caller may use (call with, read, delete) an authentication owned by `owner`:
 * seeds (no owner) by everyone, the creator's own, and a master token its users' ones.
 */
export function mayUse(state: MockState, owner: string | undefined, caller: string): boolean {
  if (owner === undefined || owner === caller) return true
  return userOfKey(state, owner)?.account === caller
}
