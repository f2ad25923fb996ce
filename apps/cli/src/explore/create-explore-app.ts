import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createTrayHandler } from '@traykit/edge'
import { type ExplorePageConfig, pageHtml, refusedHtml } from './_page-html'

/** Where the page's API is mounted: the edge handler answers under it, as Tray does under `/`. */
export const API_PREFIX = '/tray'

/** What `createExploreApp` serves. */
export interface ExploreAppOptions {
  /** The Tray token; only the edge handler in this process holds it, never the page. */
  token: string
  /** The server the token is for (Tray's API, or the mock). */
  baseUrl: string
  /** A fetch for upstream requests (the in-process mock's), instead of the global one. */
  fetch?: typeof fetch | undefined
  /** This run's secret: in the page's URL and in every API request's `authorization`. */
  secret: string
  /** The page's built script (`dist/explore/page.js`). */
  script: string
  /** What the page is told about this run (shown, and used in its snippets). */
  config: ExplorePageConfig
  /** Sees the errors answered with a 5xx (token redacted by the edge handler). */
  onError?: ((error: unknown) => void) | undefined
}

/** A new random secret for one run of `traykit explore` (256 bits, URL-safe). */
export function createExploreSecret(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * The explorer as one fetch handler: the page at `/?secret=…`, and `@traykit/edge`'s handler
 * under `/tray` with the token, each answering 401 without this run's secret. Requests whose
 * Host is not 127.0.0.1 or localhost (DNS rebinding) or whose Origin is another site's are
 * refused before anything else.
 */
export function createExploreApp(
  options: ExploreAppOptions,
): (request: Request) => Promise<Response> {
  const matches = secretMatcher(options.secret)
  const api = createTrayHandler({
    token: options.token,
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    // The secret is the only way in: it is the user's own machine and token, so whoever holds
    // the secret may do whatever the token may.
    authorize: (c) => {
      const header = c.req.header('authorization') ?? ''
      return header.startsWith('Bearer ') && matches(header.slice('Bearer '.length))
    },
    allow: () => true,
    authentications: { owns: () => true },
    onError: options.onError && ((error) => options.onError?.(error)),
  })

  return async (request) => {
    const url = new URL(request.url)
    const host = request.headers.get('host') ?? ''
    if (!isLocalHost(host)) {
      return text(403, 'traykit explore answers on 127.0.0.1 and localhost only.')
    }
    const origin = request.headers.get('origin')
    const site = request.headers.get('sec-fetch-site')
    if ((origin !== null && origin !== `http://${host}`) || site === 'cross-site') {
      return text(403, 'Requests from other sites may not use traykit explore.')
    }
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
      const inner = new URL(url.pathname.slice(API_PREFIX.length) || '/', url)
      inner.search = url.search
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
      return api.fetch(
        new Request(inner, {
          method: request.method,
          headers: request.headers,
          body: hasBody ? await request.arrayBuffer() : undefined,
          signal: request.signal,
        }),
      )
    }
    if (url.pathname !== '/' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return text(404, 'Not found')
    }
    if (!matches(url.searchParams.get('secret') ?? '')) {
      return html(401, refusedHtml())
    }
    const nonce = randomBytes(16).toString('base64')
    return html(200, pageHtml({ script: options.script, config: options.config, nonce }), {
      'content-security-policy':
        `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; ` +
        "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    })
  }
}

/** Compares with the secret in constant time (hashes of equal length, whatever was sent). */
function secretMatcher(secret: string): (given: string) => boolean {
  const hash = (text: string) => createHash('sha256').update(text).digest()
  const expected = hash(secret)
  return (given) => given.length > 0 && timingSafeEqual(hash(given), expected)
}

/** Whether a Host header names this machine: another name resolving here is DNS rebinding. */
function isLocalHost(host: string): boolean {
  try {
    const { hostname } = new URL(`http://${host}`)
    return hostname === '127.0.0.1' || hostname === 'localhost'
  } catch {
    return false
  }
}

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
}

function text(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  })
}

function html(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { ...COMMON_HEADERS, 'content-type': 'text/html; charset=utf-8', ...extra },
  })
}
