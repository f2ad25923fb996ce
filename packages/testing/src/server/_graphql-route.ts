import type { Hono } from 'hono'
import {
  type GraphQLField,
  GraphQLSyntaxError,
  parseGraphQL,
  resolveValue,
} from '../graphql/_parse-graphql'
import { project, TYPES, validateSelections } from '../graphql/_schema'
import type { MockEnv } from './_gate'
import { gate } from './_gate'
import { readJson } from './_read-json'
import type { MockState } from './_state'
import {
  type MockExternalUser,
  mayUse,
  mockNow,
  USER_TOKEN_LIFETIME_MS,
  userKey,
  userOfKey,
} from './_users-state'

/** A field that failed: `data.<field>` is null and `errors` says why, at its path (HTTP 200). */
class FieldError extends Error {}

const DEFAULT_PAGE = 10
const MAX_PAGE = 100

/**
 * `POST /graphql`: the subset of Tray's Embedded GraphQL API for end users. Master tokens
 * create, list, authorize and remove the users of their account; a user token sees only
 * `viewer`. Failures answer 200 with `{ data, errors: [{ message, path }] }`, as Tray does.
 */
export function registerGraphQLRoute(app: Hono<MockEnv>, state: MockState): void {
  app.post('/graphql', gate(state, 'graphql'), async (c) => {
    const body = (await readJson(c)) as { query?: unknown; variables?: unknown } | undefined
    const variables = body?.variables ?? {}
    if (typeof body?.query !== 'string') {
      return c.json({ errors: [{ message: 'Must provide query string.' }] }, 400)
    }
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
      return c.json({ errors: [{ message: 'Variables must be an object.' }] }, 400)
    }
    let operation: ReturnType<typeof parseGraphQL>
    try {
      operation = parseGraphQL(body.query)
    } catch (error) {
      if (error instanceof GraphQLSyntaxError)
        return c.json({ errors: [{ message: error.message }] })
      throw error
    }
    const rootType = operation.type === 'mutation' ? 'Mutation' : 'Query'
    const problem = validateSelections(operation.selections, rootType)
    if (problem) return c.json({ errors: [{ message: problem }] })

    const caller = c.get('token')
    const data: Record<string, unknown> = {}
    const errors: Array<{ message: string; path: string[] }> = []
    // Mutations run one after the other, in the document's order, as GraphQL runs them.
    for (const field of operation.selections) {
      try {
        const args = argsOf(field, variables as Record<string, unknown>)
        const value = resolveRoot(state, caller, field.name, args)
        data[field.key] = project(value, field.selections, TYPES[rootType]?.[field.name] ?? '')
      } catch (error) {
        if (!(error instanceof FieldError)) throw error
        data[field.key] = null
        errors.push({ message: error.message, path: [field.key] })
      }
    }
    return c.json(errors.length > 0 ? { data, errors } : { data })
  })
}

function argsOf(field: GraphQLField, variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    field.args.map(([name, value]) => [name, resolveValue(value, variables)]),
  )
}

function resolveRoot(
  state: MockState,
  caller: string,
  name: string,
  args: Record<string, unknown>,
): unknown {
  if (name === 'viewer') return viewer(state, caller)
  // Everything but `viewer` is the account's business: its master token's.
  if (userOfKey(state, caller)) {
    throw new FieldError(`You are not authorized to access ${name} with a user token`)
  }
  const account = caller
  switch (name) {
    case 'users':
      return users(state, account, args)
    case 'createExternalUser':
      return createExternalUser(state, account, objectArg(args, 'input'))
    case 'authorize':
      return authorize(state, account, objectArg(args, 'input'))
    case 'removeExternalUser':
      return removeExternalUser(state, account, objectArg(args, 'input'))
    default:
      throw new FieldError(`Cannot query field "${name}"`)
  }
}

function viewer(state: MockState, caller: string) {
  const own = [...state.authentications.values()].filter((a) => mayUse(state, a.owner, caller))
  return {
    authentications: {
      edges: own.map((a) => ({
        cursor: a.id,
        node: {
          id: a.id,
          name: a.name,
          service: state.users.serviceOf.get(a.serviceEnvironmentId) ?? null,
        },
      })),
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    },
  }
}

function users(state: MockState, account: string, args: Record<string, unknown>) {
  const criteria = (args.criteria ?? {}) as Record<string, unknown>
  if (typeof criteria !== 'object' || criteria === null || Array.isArray(criteria)) {
    throw new FieldError('Argument "criteria" must be an object')
  }
  const matches = (user: MockExternalUser) =>
    user.account === account &&
    (criteria.externalUserId == null || user.externalUserId === criteria.externalUserId) &&
    (criteria.userId == null || user.id === criteria.userId) &&
    (criteria.name == null || user.name === criteria.name) &&
    (criteria.isTestUser == null || user.isTestUser === criteria.isTestUser)
  const all = [...state.users.users.values()].filter(matches)
  const first = args.first == null ? DEFAULT_PAGE : Number(args.first)
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw new FieldError(`Argument "first" must be a whole number from 0 to ${MAX_PAGE}`)
  }
  const start = args.after == null ? 0 : cursorIndex(args.after) + 1
  const page = all.slice(start, start + first)
  return {
    edges: page.map((user, i) => ({ cursor: cursorOf(start + i), node: publicUser(user) })),
    pageInfo: {
      hasNextPage: start + first < all.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursorOf(start) : null,
      endCursor: page.length ? cursorOf(start + page.length - 1) : null,
    },
  }
}

function createExternalUser(state: MockState, account: string, input: Record<string, unknown>) {
  const { name, externalUserId, isTestUser } = input
  if (typeof name !== 'string' || name.trim() === '')
    throw new FieldError('input.name must be a non-empty string')
  if (typeof externalUserId !== 'string' || externalUserId === '') {
    throw new FieldError('input.externalUserId must be a non-empty string')
  }
  if (isTestUser != null && typeof isTestUser !== 'boolean')
    throw new FieldError('input.isTestUser must be a boolean')
  for (const user of state.users.users.values()) {
    if (user.account === account && user.externalUserId === externalUserId) {
      throw new FieldError(
        `A user with externalUserId ${JSON.stringify(externalUserId)} already exists`,
      )
    }
  }
  const id = crypto.randomUUID()
  state.users.users.set(id, { id, name, externalUserId, isTestUser: isTestUser === true, account })
  return { userId: id, clientMutationId: null }
}

function authorize(state: MockState, account: string, input: Record<string, unknown>) {
  const user = accountUser(state, account, input.userId)
  const accessToken = newToken()
  state.users.tokens.set(accessToken, {
    userId: user.id,
    expiresAt: mockNow(state) + USER_TOKEN_LIFETIME_MS,
  })
  return { accessToken, clientMutationId: null }
}

function removeExternalUser(state: MockState, account: string, input: Record<string, unknown>) {
  const user = accountUser(state, account, input.userId)
  state.users.users.delete(user.id)
  for (const [token, issued] of state.users.tokens) {
    if (issued.userId === user.id) state.users.tokens.delete(token)
  }
  // The user's authentications go with it.
  const key = userKey(user.id)
  for (const [id, authentication] of state.authentications) {
    if (authentication.owner === key) state.authentications.delete(id)
  }
  return {
    clientMutationId: typeof input.clientMutationId === 'string' ? input.clientMutationId : null,
  }
}

function accountUser(state: MockState, account: string, userId: unknown): MockExternalUser {
  if (typeof userId !== 'string' || userId === '')
    throw new FieldError('input.userId must be a non-empty string')
  const user = state.users.users.get(userId)
  if (!user || user.account !== account) throw new FieldError(`User not found: ${userId}`)
  return user
}

function objectArg(args: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = args[name]
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FieldError(`Argument "${name}" of required type must be an object`)
  }
  return value as Record<string, unknown>
}

function publicUser(user: MockExternalUser) {
  return {
    id: user.id,
    name: user.name,
    externalUserId: user.externalUserId,
    isTestUser: user.isTestUser,
  }
}

function cursorOf(index: number): string {
  return btoa(`user:${index}`)
}

function cursorIndex(cursor: unknown): number {
  try {
    const match = typeof cursor === 'string' ? /^user:(\d+)$/.exec(atob(cursor)) : null
    if (match) return Number(match[1])
  } catch {
    // Not base64: the error below.
  }
  throw new FieldError('Argument "after" is not a cursor of this connection')
}

/** A user token: long and random, like Tray's, so redaction treats it as a secret everywhere. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  return `mock-user-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
