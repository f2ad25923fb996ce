import * as v from 'valibot'
import { JsonObjectSchema } from './json-object'

/** `AuthenticationType`: how a service environment authenticates. */
export const AuthenticationTypeSchema = v.picklist([
  'token',
  'oauth1',
  'oauth2',
  'oauth2password',
  'oauth2client_credentials',
  'builtin',
])

/** `PublicServiceEnvironment`: what `createAuthentication` needs for one service environment. */
export const ServiceEnvironmentSchema = v.looseObject({
  id: v.string(),
  title: v.string(),
  authenticationType: AuthenticationTypeSchema,
  userDataSchema: JsonObjectSchema,
  credentialsSchema: JsonObjectSchema,
  scopes: v.array(v.unknown()),
})

/** `PublicServiceEnvironmentList`: the body of `GET /core/v1/services/.../environments`. */
export const ServiceEnvironmentListSchema = v.looseObject({
  elements: v.array(ServiceEnvironmentSchema),
})

export type AuthenticationType = v.InferOutput<typeof AuthenticationTypeSchema>
export type ServiceEnvironment = v.InferOutput<typeof ServiceEnvironmentSchema>
