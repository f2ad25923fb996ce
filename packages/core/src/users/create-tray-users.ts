import * as v from 'valibot'
import { clip } from '../_clip'
import { fingerprint } from '../client/_client-options'
import { createTransport } from '../client/_transport'
import { createMemoryStore } from '../client/cache-store'
import type { RequestOptions } from '../client/client-options'
import { createMemoryLimiter } from '../client/rate-limiter'
import { DEFAULT_BACKOFF } from '../client/retry-policy'
import {
  TrayAuthenticationError,
  TrayNotFoundError,
  TrayPermissionError,
} from '../errors/tray-api-error'
import { TrayError } from '../errors/tray-error'
import { TrayAbortError, TrayResponseError } from '../errors/tray-transport-errors'
import { TrayValidationError } from '../errors/tray-validation-error'
import {
  AuthorizePayloadSchema,
  CreateExternalUserPayloadSchema,
  TrayUserConnectionSchema,
  type TrayUserNode,
} from '../schemas/tray-user'
import { BoundedMap } from './_bounded-map'
import { createGraphQL } from './_graphql'
import { AUTHORIZE, CREATE_EXTERNAL_USER, FIND_USERS, REMOVE_EXTERNAL_USER } from './_queries'
import { createTokenCache } from './_token-cache'
import {
  checkMasterToken,
  checkNumber,
  checkUsersOptionNames,
  resolveGraphQLUrl,
} from './_users-options'
import { TrayGraphQLError } from './tray-graphql-error'
import type {
  EnsureUserInput,
  ListUsersOptions,
  TokenOptions,
  TrayUser,
  TrayUsers,
  TrayUsersOptions,
} from './tray-users-types'

/** Tray: a user token is valid for 2 days (TRAY_API.md); `authorize` does not say when it expires. */
export const USER_TOKEN_LIFETIME_MS = 2 * 24 * 60 * 60_000
const FIVE_MINUTES = 5 * 60_000
// Far above any page of users, far below what a Worker survives holding.
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024
// A paging loop that a server never ends (a cursor that does not move) stops here.
const MAX_PAGES = 10_000

/** End users of a Tray account and their user tokens, over Tray's Embedded GraphQL API. */
export function createTrayUsers(options: TrayUsersOptions): TrayUsers {
  checkUsersOptionNames(options)
  const masterToken = checkMasterToken(options.masterToken)
  const url = resolveGraphQLUrl(options)
  const timeoutMs = checkNumber('timeout', options.timeout ?? 30_000, 1)
  const maxRetries = checkNumber('maxRetries', options.maxRetries ?? 2, 0)
  const refreshBeforeMs = checkNumber('refreshBeforeMs', options.refreshBeforeMs ?? FIVE_MINUTES, 0)
  if (refreshBeforeMs >= USER_TOKEN_LIFETIME_MS) {
    throw new TrayError(
      `createTrayUsers: refreshBeforeMs must be less than a user token's lifetime (${USER_TOKEN_LIFETIME_MS} ms)`,
    )
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new TrayError('createTrayUsers: now must be a function returning ms since the epoch')
  }
  const now = options.now ?? Date.now
  const store = options.store ?? createMemoryStore({ now })
  if (typeof store?.get !== 'function' || typeof store.set !== 'function') {
    throw new TrayError(
      'createTrayUsers: store must be a CacheStore (get and set), such as createMemoryStore()',
    )
  }
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  const transport = createTransport({
    baseUrl: url,
    token: masterToken,
    fetch: fetchImpl,
    timeoutMs,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    maxRetries,
    headers: { 'user-agent': 'traykit' },
    // Tray's GraphQL API allows 30 requests/s, apart from the Connectors API's budget.
    limiter: createMemoryLimiter({ requestsPerSecond: 30, burst: 30 }),
    backoff: DEFAULT_BACKOFF,
    hooks: {},
  })
  // Errors redact every user token handed out so far (the cache is made below).
  const graphql = createGraphQL(transport, () => tokens.handedOut())
  // Keys hold a one-way fingerprint of the server and the master token, never the token.
  const scope = `traykit:users:v1:${fingerprint(`${url}\n${masterToken}`)}`
  const userIds = new BoundedMap<string, string>(10_000)

  async function findPage(
    criteria: Record<string, unknown>,
    after: string | undefined,
    signal: AbortSignal | undefined,
  ) {
    return graphql({
      field: 'users',
      query: FIND_USERS,
      variables: { criteria, ...(after === undefined ? {} : { after }) },
      mutation: false,
      schema: TrayUserConnectionSchema,
      signal,
    })
  }

  async function find(
    externalUserId: string,
    opts: RequestOptions = {},
  ): Promise<TrayUser | undefined> {
    checkId(externalUserId)
    const page = await findPage({ externalUserId }, undefined, opts.signal)
    // Only an exact match: a server that filters loosely must not hand over another user.
    const node = page.edges.map((e) => e.node).find((n) => n.externalUserId === externalUserId)
    if (!node) {
      userIds.delete(externalUserId)
      return undefined
    }
    userIds.set(externalUserId, node.id)
    return toUser(node)
  }

  async function ensure(input: EnsureUserInput, opts: RequestOptions = {}): Promise<TrayUser> {
    const user = checkEnsureInput(input)
    const found = await find(user.externalUserId, opts)
    if (found) return found
    let created: { userId: string }
    try {
      created = await graphql({
        field: 'createExternalUser',
        query: CREATE_EXTERNAL_USER,
        variables: { input: user },
        mutation: true,
        schema: CreateExternalUserPayloadSchema,
        signal: opts.signal,
      })
    } catch (error) {
      // Another ensure created it first ("already exists"), or this create may have run before
      // its answer was lost: look again rather than send the mutation twice.
      if (!mayHaveCreated(error)) throw error
      const again = await find(user.externalUserId, opts).catch(() => undefined)
      if (again) return again
      throw error
    }
    userIds.set(user.externalUserId, created.userId)
    return {
      userId: created.userId,
      name: user.name,
      externalUserId: user.externalUserId,
      isTestUser: user.isTestUser ?? false,
    }
  }

  async function* list(opts: ListUsersOptions = {}): AsyncGenerator<TrayUser> {
    const criteria: Record<string, unknown> = {}
    if (opts.name !== undefined) criteria.name = opts.name
    if (opts.isTestUser !== undefined) criteria.isTestUser = opts.isTestUser
    let after: string | undefined
    for (let pages = 0; ; pages++) {
      const page = await findPage(criteria, after, opts.signal)
      for (const edge of page.edges) yield toUser(edge.node)
      if (!page.pageInfo.hasNextPage) return
      const next = page.pageInfo.endCursor ?? undefined
      if (next === undefined || next === after || pages >= MAX_PAGES) {
        throw new TrayResponseError(
          "Tray's GraphQL answer says there is a next page of users but gives no new cursor to it",
          { status: 200, path: 'data.users.pageInfo.endCursor' },
        )
      }
      after = next
    }
  }

  async function remove(externalUserId: string, opts: RequestOptions = {}): Promise<boolean> {
    const found = await find(externalUserId, opts)
    if (!found) return false
    try {
      await graphql({
        field: 'removeExternalUser',
        query: REMOVE_EXTERNAL_USER,
        variables: { input: { userId: found.userId } },
        mutation: true,
        schema: v.unknown(),
        signal: opts.signal,
      })
    } finally {
      // Whatever Tray answered, a token of a user that may be gone is not served again.
      userIds.delete(externalUserId)
      await tokens.invalidate(externalUserId)
    }
    return true
  }

  async function authorize(userId: string): Promise<string> {
    const { accessToken } = await graphql({
      field: 'authorize',
      query: AUTHORIZE,
      variables: { input: { userId } },
      mutation: true,
      schema: AuthorizePayloadSchema,
      // A new user token in an answer that becomes an error is redacted from it too.
      secretsOf: (field) => {
        const token = (field as { accessToken?: unknown } | null | undefined)?.accessToken
        return typeof token === 'string' ? [token] : []
      },
    })
    return accessToken
  }

  const tokens = createTokenCache({
    store,
    scope,
    now,
    refreshBeforeMs,
    lifetimeMs: USER_TOKEN_LIFETIME_MS,
    async issue(externalUserId) {
      const known = userIds.get(externalUserId)
      if (known !== undefined) {
        try {
          return { accessToken: await authorize(known), userId: known }
        } catch (error) {
          // The user may have been removed and created again elsewhere: its id changed. An
          // `errors` answer issued no token, so asking again with the new id is safe.
          if (!(error instanceof TrayGraphQLError)) throw error
          userIds.delete(externalUserId)
          const again = await find(externalUserId)
          if (!again || again.userId === known) throw error
          return { accessToken: await authorize(again.userId), userId: again.userId }
        }
      }
      const user = await find(externalUserId)
      if (!user) {
        throw new TrayNotFoundError({
          status: 404,
          message: `Tray has no user with externalUserId ${JSON.stringify(clip(externalUserId, 100))}: create it with users.ensure() first`,
        })
      }
      return { accessToken: await authorize(user.userId), userId: user.userId }
    },
  })

  async function token(externalUserId: string, opts: TokenOptions = {}): Promise<string> {
    checkId(externalUserId)
    return tokens.get(externalUserId, opts)
  }

  async function invalidate(externalUserId: string, stale?: string): Promise<void> {
    checkId(externalUserId)
    await tokens.invalidate(externalUserId, stale)
  }

  function refreshOn401(base: typeof fetch = fetchImpl): typeof fetch {
    return async (input, init) => {
      const response = await base(input, init)
      if (response.status !== 401) return response
      const stale = bearerOf(init?.headers)
      const owner = stale === undefined ? undefined : tokens.ownerOf(stale)
      // Only a request this wrapper can send again as it was: a URL and a string body.
      const resendable =
        !(input instanceof Request) && (init?.body === undefined || typeof init.body === 'string')
      if (stale === undefined || owner === undefined || !resendable) return response
      let fresh: string
      try {
        // Conditional: of many requests refused with the same token, one refreshes it.
        await tokens.invalidate(owner, stale)
        fresh = await tokens.get(owner, { signal: init?.signal ?? undefined })
      } catch {
        return response
      }
      if (fresh === stale) return response
      await response.body?.cancel().catch(() => {})
      return base(input, { ...init, headers: withBearer(init?.headers, fresh) })
    }
  }

  return { ensure, find, list, remove, token, invalidate, refreshOn401 }
}

function toUser(node: TrayUserNode): TrayUser {
  return {
    userId: node.id,
    name: node.name,
    externalUserId: node.externalUserId ?? null,
    isTestUser: node.isTestUser ?? false,
  }
}

function checkId(externalUserId: unknown): asserts externalUserId is string {
  if (typeof externalUserId !== 'string' || externalUserId === '') {
    throw new TrayValidationError('externalUserId must be a non-empty string; nothing was sent', [
      { path: 'externalUserId', message: 'must be a non-empty string' },
    ])
  }
}

function checkEnsureInput(input: EnsureUserInput): EnsureUserInput {
  if (typeof input !== 'object' || input === null) {
    throw new TrayValidationError(
      'ensure takes { externalUserId, name, isTestUser? }; nothing was sent',
      [{ path: '', message: 'must be an object' }],
    )
  }
  checkId(input.externalUserId)
  if (typeof input.name !== 'string' || input.name.trim() === '') {
    throw new TrayValidationError('name must be a non-empty string; nothing was sent', [
      { path: 'name', message: 'must be a non-empty string' },
    ])
  }
  if (input.isTestUser !== undefined && typeof input.isTestUser !== 'boolean') {
    throw new TrayValidationError('isTestUser must be a boolean; nothing was sent', [
      { path: 'isTestUser', message: 'must be a boolean' },
    ])
  }
  return {
    externalUserId: input.externalUserId,
    name: input.name,
    ...(input.isTestUser === undefined ? {} : { isTestUser: input.isTestUser }),
  }
}

/** Whether a failed create may have created the user (or lost a race to another create). */
function mayHaveCreated(error: unknown): boolean {
  return (
    error instanceof TrayError &&
    !(error instanceof TrayAuthenticationError) &&
    !(error instanceof TrayPermissionError) &&
    !(error instanceof TrayAbortError) &&
    !(error instanceof TrayValidationError)
  )
}

/** The bearer token of a request's headers, however they are given. */
function bearerOf(headers: HeadersInit | undefined): string | undefined {
  if (headers === undefined) return undefined
  const value = new Headers(headers).get('authorization')
  return value ? /^Bearer +(\S+)$/i.exec(value.trim())?.[1] : undefined
}

function withBearer(headers: HeadersInit | undefined, token: string): Headers {
  const next = new Headers(headers)
  next.set('authorization', `Bearer ${token}`)
  return next
}
