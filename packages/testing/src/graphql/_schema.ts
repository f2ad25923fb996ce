// The types of the GraphQL subset the mock serves (TRAY_API.md, "End users and user tokens"),
// to check a document before anything runs, as a GraphQL server validates before executing.

import type { GraphQLField } from './_parse-graphql'

const SCALARS = new Set(['ID', 'String', 'Boolean', 'Int'])

const PAGE_INFO = {
  hasNextPage: 'Boolean',
  hasPreviousPage: 'Boolean',
  startCursor: 'String',
  endCursor: 'String',
}

/** Object types and the type of each of their fields. */
export const TYPES: Record<string, Record<string, string>> = {
  Query: { users: 'UserConnection', viewer: 'Viewer' },
  Mutation: {
    createExternalUser: 'CreateExternalUserPayload',
    authorize: 'AuthorizePayload',
    removeExternalUser: 'RemoveExternalUserPayload',
  },
  UserConnection: { edges: 'UserEdge', pageInfo: 'PageInfo' },
  UserEdge: { node: 'User', cursor: 'String' },
  User: { id: 'ID', name: 'String', externalUserId: 'String', isTestUser: 'Boolean' },
  PageInfo: PAGE_INFO,
  Viewer: { authentications: 'AuthenticationConnection' },
  AuthenticationConnection: { edges: 'AuthenticationEdge', pageInfo: 'PageInfo' },
  AuthenticationEdge: { node: 'Authentication', cursor: 'String' },
  Authentication: { id: 'ID', name: 'String', service: 'Service' },
  Service: { name: 'String', version: 'Int' },
  CreateExternalUserPayload: { userId: 'ID', clientMutationId: 'String' },
  AuthorizePayload: { accessToken: 'String', clientMutationId: 'String' },
  RemoveExternalUserPayload: { clientMutationId: 'String' },
}

/** The first problem of a selection set on a type, in the words graphql-js uses; undefined if none. */
export function validateSelections(selections: GraphQLField[], type: string): string | undefined {
  const fields = TYPES[type] ?? {}
  for (const field of selections) {
    if (field.name === '__typename') {
      if (field.selections)
        return `Field "__typename" must not have a selection since type "String!" has no subfields.`
      continue
    }
    const fieldType = Object.hasOwn(fields, field.name) ? fields[field.name] : undefined
    if (fieldType === undefined) return `Cannot query field "${field.name}" on type "${type}".`
    if (SCALARS.has(fieldType)) {
      if (field.selections) {
        return `Field "${field.name}" must not have a selection since type "${fieldType}" has no subfields.`
      }
      continue
    }
    if (!field.selections) {
      return `Field "${field.name}" of type "${fieldType}" must have a selection of subfields. Did you mean "${field.name} { ... }"?`
    }
    const problem = validateSelections(field.selections, fieldType)
    if (problem) return problem
  }
  return undefined
}

/** A resolved value projected on what the selection asks for (validated beforehand). */
export function project(
  value: unknown,
  selections: GraphQLField[] | undefined,
  type: string,
): unknown {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return value.map((item) => project(item, selections, type))
  if (!selections || typeof value !== 'object') return value
  const fields = TYPES[type] ?? {}
  const out: Record<string, unknown> = {}
  for (const field of selections) {
    if (field.name === '__typename') out[field.key] = type
    else {
      const fieldValue = (value as Record<string, unknown>)[field.name]
      out[field.key] = project(fieldValue, field.selections, fields[field.name] ?? 'String')
    }
  }
  return out
}
