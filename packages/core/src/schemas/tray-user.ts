import * as v from 'valibot'

// The shapes of Tray's Embedded GraphQL API for end users (TRAY_API.md, "End users and user
// tokens"): the `data` of each query and mutation traykit sends, and the `errors` entries.

/** One entry of a GraphQL answer's `errors`: `{ message, path? }`. */
export const GraphQLErrorEntrySchema = v.looseObject({
  message: v.string(),
  path: v.optional(v.nullable(v.array(v.union([v.string(), v.number()])))),
})

/** A GraphQL answer: `{ data?, errors? }` (200 for most failures, with `errors`). */
export const GraphQLAnswerSchema = v.looseObject({
  data: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
  errors: v.optional(v.nullable(v.array(GraphQLErrorEntrySchema))),
})

/** A node of the `users` connection: `{ id, name, externalUserId, isTestUser }`. */
export const TrayUserNodeSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  name: v.string(),
  externalUserId: v.nullish(v.string()),
  isTestUser: v.nullish(v.boolean()),
})

/** A Relay page of `users`: `{ edges: [{ node }], pageInfo: { hasNextPage, endCursor } }`. */
export const TrayUserConnectionSchema = v.looseObject({
  edges: v.array(v.looseObject({ node: TrayUserNodeSchema })),
  pageInfo: v.looseObject({
    hasNextPage: v.boolean(),
    endCursor: v.nullish(v.string()),
  }),
})

/** `createExternalUser`'s payload: `{ userId }`. */
export const CreateExternalUserPayloadSchema = v.looseObject({
  userId: v.pipe(v.string(), v.minLength(1)),
})

/** `authorize`'s payload: `{ accessToken }`, a user token valid for about two days. */
export const AuthorizePayloadSchema = v.looseObject({
  accessToken: v.pipe(v.string(), v.minLength(1)),
})

export type GraphQLErrorEntry = v.InferOutput<typeof GraphQLErrorEntrySchema>
export type GraphQLAnswer = v.InferOutput<typeof GraphQLAnswerSchema>
export type TrayUserNode = v.InferOutput<typeof TrayUserNodeSchema>
export type TrayUserConnection = v.InferOutput<typeof TrayUserConnectionSchema>
