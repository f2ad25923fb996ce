// @traykit/core/users: end users of a Tray account and their user tokens, so calls run on each
// end user's behalf (Tray's Embedded GraphQL API).
export { type CacheStore, createMemoryStore } from './client/cache-store'
export type { RequestOptions } from './client/client-options'
export * from './schemas/tray-user'
export { createTrayUsers, USER_TOKEN_LIFETIME_MS } from './users/create-tray-users'
export { TRAY_GRAPHQL_HOSTS } from './users/graphql-regions'
export { TrayGraphQLError, type TrayGraphQLErrorEntry } from './users/tray-graphql-error'
export type {
  EnsureUserInput,
  ListUsersOptions,
  TokenOptions,
  TrayUser,
  TrayUsers,
  TrayUsersOptions,
} from './users/tray-users-types'
