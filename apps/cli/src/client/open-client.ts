import { type ClientHooks, createRedactor, createTrayClient, type TrayClient } from '@traykit/core'
import { version } from '../../package.json'
import { CliError, EXIT } from '../cli-error'
import { currentRun } from '../cli-io'
import { maskToken } from '../config/mask-token'
import { resolveSettings, type Settings } from '../config/resolve-settings'
import type { GlobalArgs } from '../global-args'
import type { Output } from '../output/output'
import { createCliMock, MOCK_TOKEN, MOCK_URL } from './create-cli-mock'

/** A Tray client for a command: the built-in mock with `--mock`, else the resolved settings. */
export async function openClient(flags: GlobalArgs, out: Output): Promise<TrayClient> {
  if (flags.mock) return openMockClient(out)
  const settings = await loadSettings(flags, out)
  if (!settings.token) {
    throw new CliError(
      `No Tray token for profile "${settings.profile}". Run \`traykit auth login\`, set TRAY_TOKEN, ` +
        'or add --mock to try traykit against the built-in mock.',
      EXIT.credentials,
    )
  }
  return createClient(settings.token, settings.baseUrl, out)
}

/** A client of the in-process mock. */
async function openMockClient(out: Output): Promise<TrayClient> {
  const mock = await createCliMock()
  out.debug(`using the built-in mock at ${MOCK_URL} (in process, no network)`)
  return createTrayClient({
    baseUrl: MOCK_URL,
    fetch: mock.fetch,
    token: MOCK_TOKEN,
    hooks: debugHooks(out),
  })
}

/** Redacts `secret` (a token) from everything this run prints, by core's rule. */
export function registerSecret(secret: string): void {
  const { redactors } = currentRun()
  if (!redactors.has(secret)) redactors.set(secret, createRedactor(secret))
}

/** A client of `baseUrl` with `token`, its traffic reported by `--debug`. */
export function createClient(token: string, baseUrl: string, out: Output): TrayClient {
  registerSecret(token)
  return createTrayClient({
    token,
    baseUrl,
    userAgent: `traykit-cli/${version}`,
    hooks: debugHooks(out),
  })
}

/** Resolves the run's settings, registers the token as a secret and reports where each came from. */
export async function loadSettings(flags: GlobalArgs, out: Output): Promise<Settings> {
  const settings = await resolveSettings(flags, currentRun().io.env)
  if (settings.token) registerSecret(settings.token)
  if (flags.token) {
    out.warn(
      'warning: --token is visible to other users of this machine (ps, shell history); ' +
        'prefer TRAY_TOKEN or `traykit auth login`',
    )
  }
  if (settings.cleartext) {
    out.warn(
      `warning: --insecure: the token goes to ${settings.baseUrl} in clear text; anyone on the ` +
        'network path can read it',
    )
  }
  if (
    settings.token &&
    settings.baseUrlSource === 'profile' &&
    settings.tokenSource !== 'profile' &&
    !settings.trayHost
  ) {
    // A token given for this run, sent to a server only the config file names: a planted
    // apiUrl would collect it.
    out.warn(
      `warning: the token from ${settings.tokenSource === 'flag' ? '--token' : 'TRAY_TOKEN'} goes to ` +
        `${settings.baseUrl}, the API URL of ${settings.baseUrlWhere}, not a Tray host`,
    )
  }
  if (settings.loaded.exposed && settings.tokenSource === 'profile') {
    out.warn(`warning: ${settings.configPath} is readable by other users; run chmod 600 on it`)
  }
  out.debug(
    `profile "${settings.profile}", server ${settings.baseUrl} (from ${settings.baseUrlSource}), ` +
      `token ${settings.token ? `${maskToken(settings.token)} (from ${settings.tokenSource})` : 'none'}`,
  )
  return settings
}

function debugHooks(out: Output): ClientHooks {
  return {
    onRequest: (e) =>
      out.debug(`→ ${e.method} ${e.url}${e.attempt ? ` (attempt ${e.attempt + 1})` : ''}`),
    onResponse: (e) =>
      out.debug(
        `← ${e.status} ${e.method} ${e.url} in ${Math.round(e.durationMs)} ms` +
          (e.requestId ? ` (request id ${e.requestId})` : ''),
      ),
    onRetry: (e) =>
      out.debug(`↻ ${e.reason}: retrying ${e.method} ${e.url} in ${Math.round(e.delayMs)} ms`),
  }
}
