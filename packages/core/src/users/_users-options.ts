import { clip } from '../_clip'
import { checkNumber, resolveBaseUrl } from '../client/_client-options'
import { isTrayRegion, TRAY_REGIONS } from '../client/regions'
import { TrayError } from '../errors/tray-error'
import { suggest } from '../suggest'
import { TRAY_GRAPHQL_HOSTS } from './graphql-regions'
import type { TrayUsersOptions } from './tray-users-types'

/** Typed against the options interface, so an option added there and not here fails to compile. */
const OPTIONS: Record<keyof TrayUsersOptions, true> = {
  masterToken: true,
  region: true,
  baseUrl: true,
  fetch: true,
  store: true,
  timeout: true,
  maxRetries: true,
  refreshBeforeMs: true,
  now: true,
}

/** Refuses unknown option names with a "did you mean", as `createTrayClient` does. */
export function checkUsersOptionNames(options: unknown): asserts options is TrayUsersOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TrayError('createTrayUsers: options must be an object such as { masterToken }')
  }
  const names = Object.keys(OPTIONS)
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(OPTIONS, key)) continue
    const near = suggest(key, names)
    throw new TrayError(
      `createTrayUsers: unknown option "${clip(key, 60)}"` +
        (near ? ` (did you mean "${near}"?)` : '') +
        `; the options are ${names.join(', ')}`,
    )
  }
}

/** The master token, checked without ever echoing it. */
export function checkMasterToken(token: unknown): string {
  if (token === undefined || token === null) {
    throw new TrayError(
      'createTrayUsers: masterToken is required (the Tray account’s master token; is an environment variable such as TRAY_MASTER_TOKEN unset?)',
    )
  }
  if (typeof token !== 'string' || token.trim() === '' || /\s/.test(token)) {
    throw new TrayError(
      'createTrayUsers: masterToken must be a non-empty string without spaces or line breaks',
    )
  }
  return token
}

/** The GraphQL endpoint: `<baseUrl>/graphql`, or the region's host. */
export function resolveGraphQLUrl(options: TrayUsersOptions): string {
  if (options.baseUrl !== undefined)
    return `${resolveBaseUrl({ baseUrl: options.baseUrl })}/graphql`
  const region = options.region ?? 'us'
  if (!isTrayRegion(region)) {
    throw new TrayError(
      `createTrayUsers: region must be one of ${Object.keys(TRAY_REGIONS).join(', ')}, got ${JSON.stringify(region)}`,
    )
  }
  return `${TRAY_GRAPHQL_HOSTS[region]}/graphql`
}

export { checkNumber }
