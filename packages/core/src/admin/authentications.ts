import { internalsOf } from '../client/_internals'
import { apiPath } from '../client/_path'
import type { RequestOptions } from '../client/client-options'
import type { TrayClient } from '../client/tray-client'
import {
  type Authentication,
  AuthenticationSchema,
  type CreateAuthenticationInput,
  CreateAuthenticationResultSchema,
  CreateAuthenticationSchema,
} from '../schemas/authentication'
import { AuthIdSchema } from '../schemas/call-payload'
import { parseOrReject } from './_parse-or-reject'

/**
 * Creates an end user's authentication in a service environment (`POST /core/v1/authentications`);
 * resolves to its `{ id }`. Sent once: a failure after sending is not retried.
 */
export async function createAuthentication(
  tray: TrayClient,
  input: CreateAuthenticationInput,
  opts: RequestOptions = {},
): Promise<{ id: string }> {
  const { transport } = internalsOf(tray, 'createAuthentication')
  const body = parseOrReject(CreateAuthenticationSchema, input, 'Invalid authentication')
  return transport.request({
    method: 'POST',
    path: apiPath`/core/v1/authentications`,
    body,
    schema: CreateAuthenticationResultSchema,
    signal: opts.signal,
  })
}

/** Reads an authentication (never its credentials): `GET /core/v1/authentications/{id}`. */
export async function getAuthentication(
  tray: TrayClient,
  id: string,
  opts: RequestOptions = {},
): Promise<Authentication> {
  const { transport } = internalsOf(tray, 'getAuthentication')
  parseOrReject(AuthIdSchema, id, 'Invalid authentication id')
  return transport.request({
    method: 'GET',
    path: apiPath`/core/v1/authentications/${id}`,
    schema: AuthenticationSchema,
    signal: opts.signal,
  })
}

/** Deletes an authentication: `DELETE /core/v1/authentications/{id}`. */
export async function deleteAuthentication(
  tray: TrayClient,
  id: string,
  opts: RequestOptions = {},
): Promise<void> {
  const { transport } = internalsOf(tray, 'deleteAuthentication')
  parseOrReject(AuthIdSchema, id, 'Invalid authentication id')
  await transport.request({
    method: 'DELETE',
    path: apiPath`/core/v1/authentications/${id}`,
    signal: opts.signal,
  })
}
