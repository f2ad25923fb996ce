import { createTrayClient, TrayError } from '@traykit/core/client'
import type { Env } from 'hono'
import type { TrayHandlerBaseOptions, TrayHandlerOptions } from './handler-options'

const OPTION_NAMES = new Set<string>([
  'token',
  'authorize',
  'public',
  'allow',
  'authentications',
  'catalog',
  'cors',
  'maxBodyBytes',
  'cache',
  'region',
  'baseUrl',
  'fetch',
  'timeout',
  'maxRetries',
  'maxResponseBytes',
  'limits',
  'limiter',
  'onError',
])

/**
 * Refuses a handler that would be open by accident or misconfigured, when it is created rather
 * than on its first request. `allow` and `cors` are checked where they are compiled.
 */
export function checkOptions<E extends Env>(typed: TrayHandlerOptions<E>): void {
  // The types already refuse most of this; plain JavaScript callers and casts get here too.
  const options = typed as TrayHandlerBaseOptions<E> & { authorize?: unknown; public?: unknown }
  if (typeof options !== 'object' || options === null) {
    throw new TrayError(
      'createTrayHandler: options must be an object with at least token and authorize',
    )
  }
  // A misspelt option (`authorise`, `allowed`) would otherwise be ignored silently.
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) {
      throw new TrayError(
        `createTrayHandler: unknown option "${key}" (options: ${[...OPTION_NAMES].join(', ')})`,
      )
    }
  }
  const { token, authorize } = options
  if (typeof token !== 'function' && (typeof token !== 'string' || token === '')) {
    throw new TrayError(
      'createTrayHandler: token is required: the upstream Tray token as a string, or a function (c) => string | Promise<string> such as (c) => c.env.TRAY_TOKEN',
    )
  }
  if (options.public !== undefined && typeof options.public !== 'boolean') {
    throw new TrayError('createTrayHandler: public must be true or false')
  }
  if (authorize !== undefined && typeof authorize !== 'function') {
    throw new TrayError(
      'createTrayHandler: authorize must be a function (c) => boolean | Promise<boolean>',
    )
  }
  if (authorize === undefined && options.public !== true) {
    throw new TrayError(
      'createTrayHandler: authorize is required: a function (c) => boolean | Promise<boolean> that decides who may use your Tray token. ' +
        'To serve every caller (a demo, or behind your own gateway), pass public: true explicitly.',
    )
  }
  if (authorize !== undefined && options.public === true) {
    throw new TrayError('createTrayHandler: give either authorize or public: true, not both')
  }
  const { maxBodyBytes } = options
  if (maxBodyBytes !== undefined && (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1)) {
    throw new TrayError(
      `createTrayHandler: maxBodyBytes must be a whole number of bytes, at least 1, got ${JSON.stringify(maxBodyBytes)}`,
    )
  }
  const { authentications, catalog } = options
  if (
    authentications !== undefined &&
    (typeof authentications !== 'object' ||
      authentications === null ||
      typeof authentications.owns !== 'function' ||
      (authentications.onCreate !== undefined && typeof authentications.onCreate !== 'function'))
  ) {
    throw new TrayError(
      'createTrayHandler: authentications must be { owns: (c, authId) => boolean | Promise<boolean>, onCreate?: (c, authentication) => void }',
    )
  }
  if (catalog !== undefined && catalog !== 'all' && catalog !== 'allowed') {
    throw new TrayError(
      `createTrayHandler: catalog must be 'all' or 'allowed', got ${JSON.stringify(catalog)}`,
    )
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new TrayError('createTrayHandler: onError must be a function (error, c) => void')
  }
  const { limiter } = options
  if (limiter !== undefined && options.limits !== undefined) {
    throw new TrayError(
      'createTrayHandler: give either limiter or limits, not both (pass the limits to the limiter you create)',
    )
  }
  if (limiter !== undefined && typeof limiter !== 'function' && typeof limiter !== 'object') {
    throw new TrayError(
      'createTrayHandler: limiter must be a Limiter or a function (c) => Limiter, such as (c) => durableObjectLimiter(c.env.TRAY_LIMITER)',
    )
  }
  // Core checks region, baseUrl, timeout, maxRetries, maxResponseBytes, limits and a limiter
  // object; a throwaway client makes it do so now (token: null, as the real token is checked on
  // its own).
  createTrayClient({
    limiter: typeof limiter === 'function' ? undefined : limiter,
    token: null,
    region: options.region,
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    timeout: options.timeout,
    maxRetries: options.maxRetries,
    maxResponseBytes: options.maxResponseBytes,
    limits: options.limits,
    cache: false,
  })
}
