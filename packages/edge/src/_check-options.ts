import { TrayError } from '@traykit/core/client'
import { checkGatewayOptions, type TrayGatewayOptions } from '@traykit/core/server'
import type { Env } from 'hono'
import type { TrayHandlerBaseOptions, TrayHandlerOptions } from './handler-options'

/** The edge's own options, besides core's gateway options (typed: one added there and not here fails). */
const EDGE_OPTIONS: Record<
  Exclude<keyof TrayHandlerBaseOptions, keyof TrayGatewayOptions<unknown>>,
  true
> = { catalog: true, cors: true }

/**
 * Refuses a handler that would be open by accident or misconfigured, when it is created rather
 * than on its first request: core's gateway checks (names, token, authorize or public, limits…),
 * then the edge's own options. `allow` and `cors` are checked where they are compiled.
 */
export function checkOptions<E extends Env>(options: TrayHandlerOptions<E>): void {
  checkGatewayOptions(options, { name: 'createTrayHandler', options: Object.keys(EDGE_OPTIONS) })
  const { authentications, catalog } = options
  if (authentications?.onCreate !== undefined && typeof authentications.onCreate !== 'function') {
    throw new TrayError(
      'createTrayHandler: authentications must be { owns: (c, authId) => boolean | Promise<boolean>, onCreate?: (c, authentication) => void }',
    )
  }
  if (catalog !== undefined && catalog !== 'all' && catalog !== 'allowed') {
    throw new TrayError(
      `createTrayHandler: catalog must be 'all' or 'allowed', got ${JSON.stringify(catalog)}`,
    )
  }
}
