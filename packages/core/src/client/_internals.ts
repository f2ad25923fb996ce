import { TrayError } from '../errors/tray-error'
import type { LeanTransport } from './_lean-transport'
import type { CatalogCache } from './catalog-cache'
import type { TrayClient } from './tray-client'

/**
 * What the functions of `@traykit/core/admin` need of a client beyond its public methods: its
 * transport (token, limits, retries) and its catalog cache. Kept in a WeakMap, so they are no
 * member of the client: not enumerable, not in its type, gone with the client.
 */
export interface ClientInternals {
  transport: LeanTransport
  cache: CatalogCache
  /** The prefix of the client's cache keys (server and token fingerprint). */
  cacheScope: string
  /** How long a list that changes rarely (connectors, environments) stays fresh. */
  listTtlMs: number
}

const internals = new WeakMap<object, ClientInternals>()

/** Records a new client's internals. */
export function setInternals(client: TrayClient, value: ClientInternals): void {
  internals.set(client, value)
}

/** A client's internals; a `TrayError` for an object `createTrayClient` did not make. */
export function internalsOf(client: TrayClient, caller: string): ClientInternals {
  const found = typeof client === 'object' && client !== null ? internals.get(client) : undefined
  if (found) return found
  throw new TrayError(
    `${caller}: pass a client made by createTrayClient (from the same copy of @traykit/core)`,
  )
}
