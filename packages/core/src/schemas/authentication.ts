import * as v from 'valibot'
import { JsonObjectSchema } from './json-object'

/** `CreatePublicUserAuthentication`: the body of `POST /core/v1/authentications`. */
export const CreateAuthenticationSchema = v.looseObject({
  name: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  serviceEnvironmentId: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  userData: v.optional(JsonObjectSchema),
  credentials: v.optional(JsonObjectSchema),
  scopes: v.optional(v.array(v.string())),
  onPremAgentGroupId: v.optional(v.string()),
})

/** `CreatePublicUserAuthenticationResult`: the id of the new authentication. */
export const CreateAuthenticationResultSchema = v.looseObject({
  id: v.string(),
})

/** `GetUserAuthenticationResult`: an authentication, without its credentials. */
export const AuthenticationSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  serviceEnvironmentId: v.string(),
  scopes: v.optional(v.array(v.string())),
  onPremAgentGroupId: v.optional(v.string()),
})

export type CreateAuthenticationInput = v.InferInput<typeof CreateAuthenticationSchema>
export type CreateAuthenticationResult = v.InferOutput<typeof CreateAuthenticationResultSchema>
export type Authentication = v.InferOutput<typeof AuthenticationSchema>
