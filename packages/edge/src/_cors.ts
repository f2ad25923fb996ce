import { TrayError } from '@traykit/core'
import { createOriginCheck, type OriginCheck } from '@traykit/core/server'
import type { CorsOptions } from './handler-options'

/** Headers the core client sends, plus the request id a caller may pass for correlation. */
const BASE_ALLOW_HEADERS = ['authorization', 'content-type', 'user-agent', 'x-request-id']
const EXPOSE_HEADERS = 'x-request-id, x-tray-request-id, retry-after'

/** The CORS answers of a handler, for one fixed list of exact origins. */
export interface Cors {
  /** Core's origin check of the listed origins (strict: an unlisted `Origin` is refused). */
  originCheck: OriginCheck
  /** Headers to add to a response for a request from `origin`; none for other origins. */
  headersFor(origin: string | undefined): Record<string, string>
  /** Whether a preflight from `origin` is answered positively. */
  allows(origin: string | undefined): boolean
  /** The headers of a positive preflight answer for a route serving `methods` (`GET, DELETE`). */
  preflightHeaders(origin: string, methods: string): Record<string, string>
}

/** Checks the `cors` option and prepares its headers; `undefined` when CORS is off. */
export function compileCors(cors: CorsOptions | false | undefined): Cors | undefined {
  if (cors === undefined || cors === false) return undefined
  if (
    typeof cors !== 'object' ||
    cors === null ||
    !Array.isArray(cors.origins) ||
    cors.origins.length === 0
  ) {
    throw new TrayError(
      "createTrayHandler: cors must be false or { origins: ['https://app.example.com', …] } with at least one origin",
    )
  }
  // Core checks the list (exact origins only) and refuses other sites' requests by it.
  const originCheck = createOriginCheck({
    origins: cors.origins,
    name: 'createTrayHandler',
    option: 'cors.origins',
  })
  const { origins } = originCheck
  const maxAge = cors.maxAge ?? 600
  if (!Number.isInteger(maxAge) || maxAge < 0) {
    throw new TrayError(
      `createTrayHandler: cors.maxAge must be a whole number of seconds, got ${JSON.stringify(maxAge)}`,
    )
  }
  const allowHeaders = [
    ...BASE_ALLOW_HEADERS,
    ...(cors.allowHeaders ?? []).map((h) => h.toLowerCase()),
  ]
  const credentials: Record<string, string> = cors.credentials
    ? { 'access-control-allow-credentials': 'true' }
    : {}

  return {
    originCheck,
    allows: (origin) => origin !== undefined && origins.has(origin),
    headersFor(origin) {
      // Vary on every answer: a shared cache must not reuse one origin's answer for another.
      if (origin === undefined || !origins.has(origin)) return { vary: 'origin' }
      return {
        vary: 'origin',
        'access-control-allow-origin': origin,
        'access-control-expose-headers': EXPOSE_HEADERS,
        ...credentials,
      }
    },
    preflightHeaders: (origin, methods) => ({
      vary: 'origin',
      'access-control-allow-origin': origin,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': allowHeaders.join(', '),
      'access-control-max-age': String(maxAge),
      ...credentials,
    }),
  }
}
