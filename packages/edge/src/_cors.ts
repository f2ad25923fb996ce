import { TrayError } from '@traykit/core'
import type { CorsOptions } from './handler-options'

/** Headers the core client sends, plus the request id a caller may pass for correlation. */
const BASE_ALLOW_HEADERS = ['authorization', 'content-type', 'user-agent', 'x-request-id']
const EXPOSE_HEADERS = 'x-request-id, x-tray-request-id, retry-after'

/** The CORS answers of a handler, for one fixed list of exact origins. */
export interface Cors {
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
  const origins = new Set(cors.origins.map(checkOrigin))
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

function checkOrigin(origin: unknown): string {
  let parsed: URL | undefined
  try {
    parsed = typeof origin === 'string' ? new URL(origin) : undefined
  } catch {
    parsed = undefined
  }
  // An origin is scheme + host + port, exactly as browsers send it: no path, no trailing slash.
  if (
    !parsed ||
    parsed.origin !== origin ||
    (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
  ) {
    throw new TrayError(
      `createTrayHandler: cors.origins must hold exact origins such as https://app.example.com (no wildcard, path or trailing slash), got ${JSON.stringify(origin)}`,
    )
  }
  return origin as string
}
