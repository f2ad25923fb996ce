import type { Cors } from './_cors'
import { HandlerError } from './_handler-error'

/**
 * Refuses a browser request sent from another site's page before `authorize` or Tray sees it:
 * with a cookie-based `authorize`, such a request would spend the budget in the user's name.
 *
 * - `Sec-Fetch-Site: same-origin` or `none` (typed in the address bar) always passes.
 * - `Sec-Fetch-Site: cross-site` or `same-site` passes only from an origin in `cors.origins`
 *   (so never when `cors` is off: a handler without CORS serves its own origin only).
 * - With `cors` on, an `Origin` that is neither listed nor the handler's own is refused too,
 *   for browsers that send no `Sec-Fetch-Site`.
 *
 * A request with neither header (curl, a server) passes: only browsers carry ambient cookies.
 */
export function refuseForeignOrigin(request: Request, cors: Cors | undefined): void {
  const site = request.headers.get('sec-fetch-site')
  if (site === 'same-origin' || site === 'none') return
  const origin = request.headers.get('origin') ?? undefined
  const listed = cors?.allows(origin) === true
  if (listed) return
  if (site === 'cross-site' || site === 'same-site') throw refused()
  if (cors && origin !== undefined && origin !== new URL(request.url).origin) throw refused()
}

function refused(): HandlerError {
  return new HandlerError(
    403,
    'origin_not_allowed',
    'Requests from this origin may not use this handler',
  )
}
