import { TrayError } from '../errors/tray-error'
import { TrayGatewayError } from './tray-gateway-error'

/** Options of `createOriginCheck`. */
export interface OriginCheckOptions {
  /** Browser origins besides the server's own that may call it, exact (`https://app.example.com`). */
  origins?: readonly string[] | undefined
  /**
   * Also refuse an `Origin` that is neither listed nor the server's own when the browser sends
   * no `Sec-Fetch-Site` (older browsers): MCP's guard against DNS rebinding. Default `true`;
   * `false` leaves such a request to `Sec-Fetch-Site` alone.
   */
  strict?: boolean | undefined
  /** Names the caller in the messages of a malformed list (`createTrayHandler`). */
  name?: string | undefined
  /** Names the option in those messages. Default `origins` (`cors.origins` for the edge). */
  option?: string | undefined
}

/** A gateway's origin rule, made once from its allowed origins. */
export interface OriginCheck {
  /** The allowed origins besides the server's own. */
  readonly origins: ReadonlySet<string>
  /** Throws `TrayGatewayError` 403 `origin_not_allowed` for a request from another site's page. */
  refuseForeign(request: Request): void
}

/**
 * Checks the allowed origins now (exact origins only: a malformed one throws `TrayError` at
 * startup) and returns the check each request passes before `authorize` or Tray sees it: with a
 * cookie-based `authorize`, another site's page would otherwise spend the budget in the user's
 * name.
 *
 * - `Sec-Fetch-Site: same-origin` or `none` (typed in the address bar) always passes.
 * - A listed `Origin` passes.
 * - `Sec-Fetch-Site: cross-site` or `same-site` is refused otherwise.
 * - With `strict`, an `Origin` that is neither listed nor the server's own is refused too.
 *
 * A request with neither header (curl, a server, an agent) passes: only browsers carry ambient
 * cookies.
 */
export function createOriginCheck(options: OriginCheckOptions = {}): OriginCheck {
  const prefix = options.name ? `${options.name}: ` : ''
  const option = options.option ?? 'origins'
  const origins = new Set((options.origins ?? []).map((o) => exactOrigin(o, prefix, option)))
  const strict = options.strict !== false
  return {
    origins,
    refuseForeign(request) {
      const site = request.headers.get('sec-fetch-site')
      if (site === 'same-origin' || site === 'none') return
      const origin = request.headers.get('origin')
      if (origin !== null && origins.has(origin)) return
      if (site === 'cross-site' || site === 'same-site') throw refused()
      if (strict && origin !== null && origin !== new URL(request.url).origin) throw refused()
    },
  }
}

function exactOrigin(origin: unknown, prefix: string, option: string): string {
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
      `${prefix}${option} must hold exact origins such as https://app.example.com (no wildcard, path or trailing slash), got ${JSON.stringify(origin)}`,
    )
  }
  return origin
}

function refused(): TrayGatewayError {
  return new TrayGatewayError(
    403,
    'origin_not_allowed',
    'Requests from this origin may not use this handler',
  )
}
