// The GraphQL documents traykit sends, as TRAY_API.md ("End users and user tokens") shows them,
// with variables instead of inline values so no value is ever spliced into a query.

const USER_FIELDS = 'id name externalUserId isTestUser'

export const FIND_USERS = `query traykitUsers($criteria: UserCriteria, $after: String) {
  users(criteria: $criteria, after: $after) {
    edges { node { ${USER_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`

export const CREATE_EXTERNAL_USER = `mutation traykitCreateExternalUser($input: CreateExternalUserInput!) {
  createExternalUser(input: $input) { userId }
}`

export const AUTHORIZE = `mutation traykitAuthorize($input: AuthorizeInput!) {
  authorize(input: $input) { accessToken }
}`

// Tray documents the mutation, not its payload's fields: `clientMutationId` is the one field a
// Relay payload always has.
export const REMOVE_EXTERNAL_USER = `mutation traykitRemoveExternalUser($input: RemoveExternalUserInput!) {
  removeExternalUser(input: $input) { clientMutationId }
}`
