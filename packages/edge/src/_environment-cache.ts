import type { ServiceEnvironment, TrayClient } from '@traykit/core'
import type { TrayHandlerBaseOptions } from './handler-options'

/** Environments kept per client (so per upstream token); the oldest go first beyond this. */
const MAX_ENTRIES = 200
const DEFAULT_TTL_MS = 5 * 60_000

interface Entry {
  value: ServiceEnvironment[]
  expires: number
}

/**
 * Reads a service version's environments through a short-lived memory cache, like the catalog.
 * Core does not cache them, so the edge does: per client, hence per token, and in this isolate's
 * memory only (a `cache` store given to the handler holds only core's catalog). `cache: false`
 * turns it off. Only answers are kept: a failed or abandoned read is not shared or remembered.
 */
export function createEnvironmentCache(cache: TrayHandlerBaseOptions['cache']) {
  const ttlMs =
    cache && typeof cache === 'object' && 'connectorsTtlMs' in cache
      ? (cache.connectorsTtlMs ?? DEFAULT_TTL_MS)
      : DEFAULT_TTL_MS
  const perClient = new WeakMap<TrayClient, Map<string, Entry>>()

  return async function listServiceEnvironments(
    client: TrayClient,
    service: string,
    version: number,
    signal: AbortSignal,
  ): Promise<ServiceEnvironment[]> {
    if (cache === false) return client.listServiceEnvironments(service, version, { signal })
    let entries = perClient.get(client)
    if (!entries) {
      entries = new Map()
      perClient.set(client, entries)
    }
    const key = `${service}\u0000${version}`
    const hit = entries.get(key)
    if (hit && hit.expires > Date.now()) return hit.value
    const value = await client.listServiceEnvironments(service, version, { signal })
    entries.delete(key)
    if (entries.size >= MAX_ENTRIES) {
      const oldest = entries.keys().next().value
      if (oldest !== undefined) entries.delete(oldest)
    }
    entries.set(key, { value, expires: Date.now() + ttlMs })
    return value
  }
}
