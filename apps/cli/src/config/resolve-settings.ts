import { isTrayRegion, TRAY_REGIONS, type TrayRegion } from '@traykit/core'
import { usageError } from '../cli-error'
import type { GlobalArgs } from '../global-args'
import {
  checkProfileName,
  configPath,
  type LoadedConfig,
  profileOf,
  readConfig,
} from './config-file'

/** Where a setting came from, strongest first. */
export type SettingSource = 'flag' | 'env' | 'profile' | 'default'

const RANK: Record<SettingSource, number> = { flag: 3, env: 2, profile: 1, default: 0 }

/** The connection settings of a run, each with its source. */
export interface Settings {
  configPath: string
  profile: string
  token: string | undefined
  tokenSource: Exclude<SettingSource, 'default'> | undefined
  region: TrayRegion
  regionSource: SettingSource
  /** The API URL in effect, when one overrides the region. */
  apiUrl: string | undefined
  /** The server requests go to: the API URL, or the region's host. */
  baseUrl: string
  baseUrlSource: SettingSource
  /** Where the server came from, for messages: `--api-url`, `TRAY_API_URL`, a profile… */
  baseUrlWhere: string
  /** The server is one of Tray's own hosts. */
  trayHost: boolean
  /** The server takes the token over plain http:// off this machine (allowed by --insecure). */
  cleartext: boolean
  /** The config file as read, to change and save. */
  loaded: LoadedConfig
}

/**
 * Resolves token, region and API URL: `--flag` > environment (`TRAY_TOKEN`, `TRAY_REGION`,
 * `TRAY_API_URL`) > the profile in the config file. An API URL overrides a region given
 * by a weaker source.
 */
export async function resolveSettings(
  flags: Partial<Pick<GlobalArgs, 'token' | 'region' | 'api-url' | 'profile' | 'insecure'>>,
  env: Record<string, string | undefined>,
): Promise<Settings> {
  const path = configPath(env)
  const loaded = await readConfig(path)
  const profile = flags.profile || env.TRAY_PROFILE || 'default'
  checkProfileName(profile, flags.profile ? '--profile' : 'TRAY_PROFILE')
  const stored = profileOf(loaded.config, profile) ?? {}
  const pick = (flag: [string, string | undefined], envName: string, saved: string | undefined) => {
    if (flag[1]) return { value: flag[1], source: 'flag' as const, where: flag[0] }
    const fromEnv = env[envName]
    if (fromEnv) return { value: fromEnv, source: 'env' as const, where: envName }
    if (saved)
      return { value: saved, source: 'profile' as const, where: `profile "${profile}" of ${path}` }
    return undefined
  }

  const token = pick(['--token', flags.token], 'TRAY_TOKEN', stored.token)
  const region = pick(['--region', flags.region], 'TRAY_REGION', stored.region)
  const apiUrl = pick(['--api-url', flags['api-url']], 'TRAY_API_URL', stored.apiUrl)

  if (region && !isTrayRegion(region.value)) {
    throw usageError(
      `Unknown region "${region.value}" (from ${region.where}): use one of ${Object.keys(TRAY_REGIONS).join(', ')}`,
    )
  }
  if (apiUrl) checkUrl(apiUrl.value, apiUrl.where)
  const regionName = (region?.value ?? 'us') as TrayRegion
  const regionSource = region?.source ?? 'default'
  const useUrl = apiUrl !== undefined && RANK[apiUrl.source] >= RANK[regionSource]
  const url = useUrl ? apiUrl.value.replace(/\/+$/, '') : undefined
  const cleartext = url !== undefined && isCleartext(url)
  if (cleartext && !flags.insecure) {
    throw usageError(
      `The API URL from ${apiUrl!.where} is ${url}: plain http:// would send the token in clear ` +
        'text over the network. Use https://, or add --insecure if you mean it (a loopback ' +
        'address such as http://127.0.0.1:4010 needs no flag).',
    )
  }
  const baseUrl = url ?? TRAY_REGIONS[regionName]
  return {
    configPath: path,
    profile,
    token: token?.value,
    tokenSource: token?.source,
    region: regionName,
    regionSource,
    apiUrl: url,
    baseUrl,
    baseUrlSource: useUrl ? apiUrl.source : regionSource,
    baseUrlWhere: useUrl ? apiUrl.where : (region?.where ?? 'the default region'),
    trayHost: isTrayHost(baseUrl),
    cleartext,
    loaded,
  }
}

function checkUrl(value: string, where: string): void {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw usageError(`The API URL from ${where} is not an http(s) URL: ${JSON.stringify(value)}`)
  }
}

/** The URL is one of Tray's regional API hosts. */
export function isTrayHost(url: string): boolean {
  const origin = new URL(url).origin
  return Object.values(TRAY_REGIONS).some((host) => new URL(host).origin === origin)
}

/** Plain http:// to a host that is not this machine: anyone on the way reads the token. */
function isCleartext(url: string): boolean {
  const { protocol, hostname } = new URL(url)
  if (protocol !== 'http:') return false
  const loopback =
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  return !loopback
}
