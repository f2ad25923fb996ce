import { internalsOf } from '../client/_internals'
import { apiPath } from '../client/_path'
import type { RequestOptions } from '../client/client-options'
import type { TrayClient } from '../client/tray-client'
import { TrayValidationError } from '../errors/tray-validation-error'
import {
  type ServiceEnvironment,
  ServiceEnvironmentListSchema,
} from '../schemas/service-environment'

/**
 * The service environments of a service version (`connector.service.name` and `.version`), what
 * `createAuthentication` needs: `GET /core/v1/services/{service}/versions/{n}/environments`,
 * cached like the connector list in the client's catalog cache.
 */
export async function listServiceEnvironments(
  tray: TrayClient,
  service: string,
  serviceVersion: number,
  opts: RequestOptions = {},
): Promise<ServiceEnvironment[]> {
  const { transport, cache, cacheScope, listTtlMs } = internalsOf(tray, 'listServiceEnvironments')
  if (!Number.isInteger(serviceVersion)) {
    throw new TrayValidationError('Invalid service version', [
      {
        path: 'serviceVersion',
        message: `must be the service's integer version (connector.service.version), got ${JSON.stringify(serviceVersion)}`,
      },
    ])
  }
  const path = apiPath`/core/v1/services/${service}/versions/${serviceVersion}/environments`
  // Cached like the connector list (an account's environments change, rarely), in the same
  // store: a form that lists them on every connector change costs one read per TTL.
  const list = await cache.read(
    `${cacheScope}:environments:${service}@${serviceVersion}`,
    listTtlMs,
    async (signal) => {
      const body = await transport.request({
        method: 'GET',
        path,
        schema: ServiceEnvironmentListSchema,
        signal,
      })
      return body.elements
    },
    opts.signal,
  )
  return [...list]
}
