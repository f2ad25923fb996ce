import type { TrayRegion } from '../client/regions'

/**
 * The hosts of Tray's Embedded GraphQL API, one per region (TRAY_API.md): the endpoint is
 * `<host>/graphql`. Not the Connectors API hosts (`api.…`).
 */
export const TRAY_GRAPHQL_HOSTS: Readonly<Record<TrayRegion, string>> = {
  us: 'https://tray.io',
  eu1: 'https://eu1.tray.io',
  ap1: 'https://ap1.tray.io',
}
