import {
  createAuthentication,
  deleteAuthentication,
  getAuthentication,
  listServiceEnvironments,
} from '@traykit/core/admin'
import type { CreateAuthenticationInput, TrayClient } from '@traykit/core/client'
import {
  createAllowCheck,
  createClientPool,
  createJsonRedactor,
  createOriginCheck,
  type JsonRedactor,
  readJsonBody,
  redactError,
} from '@traykit/core/server'
import { type Context, type Env, Hono } from 'hono'
import { type AllowedCatalog, allowedCatalog } from './_allowed-catalog'
import { checkOptions } from './_check-options'
import { checkPayload } from './_check-payload'
import { compileCors } from './_cors'
import { toErrorAnswer } from './_error-response'
import { HandlerError } from './_handler-error'
import { requestIdOf } from './_request-id'
import type { CreatedAuthentication, TrayHandlerOptions } from './handler-options'

const CONNECTORS = '/core/v1/connectors'
const OPERATIONS = '/core/v1/connectors/:name/versions/:version/operations'
const CALL = '/core/v1/connectors/:name/versions/:version/call'
const ENVIRONMENTS = '/core/v1/services/:service/versions/:version/environments'
const AUTHENTICATIONS = '/core/v1/authentications'
const AUTHENTICATION = '/core/v1/authentications/:id'
const ONE_MIB = 1024 * 1024

/** What a route returns to answer 204 with no body. */
const NO_CONTENT = Symbol('no content')

/** What a route does once the request is authorized; `client()` resolves the upstream token. */
type Work<E extends Env> = (c: Context<E>, client: () => Promise<TrayClient>) => Promise<unknown>

/**
 * Creates a Hono app that serves Tray's catalog and call routes in front of Tray: the token
 * stays on the server, and each call is authorized, size-limited, shape-checked, allowed and
 * validated before it is forwarded, once. Mount it anywhere with `app.route(prefix, handler)`.
 */
export function createTrayHandler<E extends Env = Env>(options: TrayHandlerOptions<E>): Hono<E> {
  checkOptions(options)
  const named = { name: 'createTrayHandler' }
  // Core's allow check, asked with the checked payload before a call and without it to list.
  const allow = createAllowCheck<Context<E>>(options.allow, named)
  const shown: AllowedCatalog<Context<E>> | undefined =
    options.catalog === 'allowed' ? allowedCatalog(options.allow, allow, named) : undefined
  const { authentications } = options
  const cors = compileCors(options.cors)
  // Other sites' browser requests are refused. Without CORS the handler serves its own origin
  // only, and leaves a request without Sec-Fetch-Site (an older browser) to that header's
  // absence: with CORS on, an unlisted Origin is refused too.
  const originCheck = cors?.originCheck ?? createOriginCheck({ strict: false })
  const maxBodyBytes = options.maxBodyBytes ?? ONE_MIB
  const { authorize, onError, token: tokenSource } = options
  // One core client per upstream token (a fixed one is made now, so a malformed token fails at
  // startup), each with core's redactor of its token.
  const pool = createClientPool<Context<E>>({ ...options, userAgent: 'traykit-edge', ...named })
  /** A fixed token is redacted from every answer, even those given before any client is asked for. */
  const fixedRedactor =
    typeof tokenSource === 'string' ? createJsonRedactor(tokenSource) : undefined

  /** Runs a route's work and answers it, whatever happens, in Tray's shape with a request id. */
  function serve(work: Work<E>, guarded = true) {
    return async (c: Context<E>): Promise<Response> => {
      const requestId = requestIdOf(c.req.raw)
      // Core's redactor of the upstream token, for everything answered or handed to onError.
      let redact = fixedRedactor
      const client = async () => {
        const pooled = await pool.clientFor(c)
        redact = pooled.redact
        return pooled.client
      }
      let status = 200
      let text: string | null
      let headers: Record<string, string> = {}
      try {
        // Another site's page is refused before anything else runs for it.
        if (guarded) originCheck.refuseForeign(c.req.raw)
        // Only a literal `true` lets a request through: a rule that forgot to return refuses.
        if (guarded && authorize && (await authorize(c)) !== true) {
          throw new HandlerError(
            401,
            'unauthorized',
            'This request is not authorized to use Tray here',
          )
        }
        const result = await work(c, client)
        if (result === NO_CONTENT) {
          status = 204
          text = null
        } else {
          text = upstreamJson(result)
        }
      } catch (error) {
        const answer = toErrorAnswer(error)
        status = answer.status
        headers = answer.headers
        text = JSON.stringify(answer.body)
        if (status >= 500) onError?.(redact ? redactError(error, redact) : error, c)
      }
      return respond(c, status, text, { ...headers, 'x-request-id': requestId }, redact)
    }
  }

  /**
   * Builds the answer; the token is removed from anything an upstream might have echoed: a
   * header that holds it is dropped, and the body's strings are redacted (parsed, not as raw
   * text, so an escaped or cut spelling cannot slip through).
   */
  function respond(
    c: Context<E>,
    status: number,
    text: string | null,
    extra: Record<string, string>,
    redact: JsonRedactor | undefined,
  ): Response {
    // A plain object, not Headers: @hono/node-server writes those without converting them.
    const headers: Record<string, string> = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...cors?.headersFor(c.req.header('origin')),
    }
    if (text !== null) headers['content-type'] = 'application/json; charset=utf-8'
    for (const [name, value] of Object.entries(extra)) {
      if (!redact || redact.text(value) === value) headers[name] = value
    }
    const body = redact && text !== null ? redact.json(text) : text
    return new Response(body, { status, headers })
  }

  const app = new Hono<E>()

  app.get(
    CONNECTORS,
    serve(async (c, client) => {
      const tray = await client()
      const signal = c.req.raw.signal
      const connectors = await tray.listConnectors({ signal })
      // With catalog: 'allowed', a connector is listed only if some operation of it may run.
      return { elements: shown ? await shown.connectors(c, tray, connectors, signal) : connectors }
    }),
  )

  app.get(
    OPERATIONS,
    serve(async (c, client) => {
      const { name, version } = connectorOf(c)
      const signal = c.req.raw.signal
      const operations = await (await client()).listOperations(name, version, { signal })
      return {
        elements: shown ? await shown.operations(c, name, version, operations) : operations,
      }
    }),
  )

  app.get(
    ENVIRONMENTS,
    serve(async (c, client) => {
      const service = c.req.param('service') ?? ''
      const raw = c.req.param('version') ?? ''
      // Anything but digits is passed on as NaN, so core refuses it (400) without asking Tray.
      const version = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN
      return {
        elements: await listServiceEnvironments(await client(), service, version, {
          signal: c.req.raw.signal,
        }),
      }
    }),
  )

  app.post(
    CALL,
    serve(async (c, client) => {
      const payload = checkPayload(await readJsonBody(c.req.raw, maxBodyBytes))
      const { name, version } = connectorOf(c)
      if (!(await allow(name, version, payload.operation, c, payload))) {
        throw new HandlerError(
          403,
          'operation_not_allowed',
          `${name}@${version} ${payload.operation} may not be called through this handler`,
        )
      }
      if (payload.authId !== undefined) await checkOwned(c, payload.authId, 403)
      // Core validates the input against the operation (400 before anything is billed), and
      // throwOnError: false keeps a third party's failure as the 200 Tray sent. The caller's
      // signal stops the operation read and any wait for a slot once it has gone away.
      return (await client()).callConnector(name, version, payload, {
        throwOnError: false,
        signal: c.req.raw.signal,
      })
    }),
  )

  /**
   * Refuses an authentication the caller does not own, before Tray is asked: 403 for a call
   * (the caller named it), 404 for a read or delete, so another user's id looks like none.
   */
  async function checkOwned(c: Context<E>, authId: string, status: 403 | 404): Promise<void> {
    if (!authentications) return
    if ((await authentications.owns(c, authId)) === true) return
    if (status === 403) {
      throw new HandlerError(
        403,
        'authentication_not_owned',
        'This authentication may not be used by this caller',
      )
    }
    throw new HandlerError(404, 'not_found', 'Authentication not found')
  }

  if (authentications) {
    const { onCreate } = authentications
    app.post(
      AUTHENTICATIONS,
      serve(async (c, client) => {
        // Core checks the body against CreateAuthenticationSchema (400, nothing sent).
        const input = await readJsonBody(c.req.raw, maxBodyBytes)
        const tray = await client()
        // Not the caller's signal: a caller leaving mid-create must not leave an authentication
        // at Tray that onCreate never recorded (one nobody could read or delete through here).
        const { id } = await createAuthentication(tray, input as CreateAuthenticationInput)
        if (onCreate) {
          // Only the known fields, never the credentials nor whatever else the caller added.
          const { name, serviceEnvironmentId, userData, scopes, onPremAgentGroupId } =
            input as CreateAuthenticationInput
          const created: CreatedAuthentication = { id, name, serviceEnvironmentId }
          if (userData !== undefined) created.userData = userData
          if (scopes !== undefined) created.scopes = scopes
          if (onPremAgentGroupId !== undefined) created.onPremAgentGroupId = onPremAgentGroupId
          try {
            await onCreate(c, created)
          } catch (error) {
            // An authentication nobody owns could never be read or deleted through the
            // handler: take it back (without the caller's signal, so it finishes) and fail.
            await deleteAuthentication(tray, id).catch(() => undefined)
            throw error
          }
        }
        return { id }
      }),
    )
    app.get(
      AUTHENTICATION,
      serve(async (c, client) => {
        const id = c.req.param('id') ?? ''
        await checkOwned(c, id, 404)
        const found = await getAuthentication(await client(), id, { signal: c.req.raw.signal })
        // Tray does not send credentials back; should any server do so, they stay here.
        const { credentials: _credentials, ...shown } = found as typeof found & {
          credentials?: unknown
        }
        return shown
      }),
    )
    app.delete(
      AUTHENTICATION,
      serve(async (c, client) => {
        const id = c.req.param('id') ?? ''
        await checkOwned(c, id, 404)
        await deleteAuthentication(await client(), id, { signal: c.req.raw.signal })
        return NO_CONTENT
      }),
    )
  }

  const originRefused = serve(async () => {
    throw new HandlerError(
      403,
      'origin_not_allowed',
      'Requests from this origin may not use this handler',
    )
  }, false)

  const routes: [string, string][] = [
    [CONNECTORS, 'GET'],
    [OPERATIONS, 'GET'],
    [CALL, 'POST'],
    [ENVIRONMENTS, 'GET'],
  ]
  if (authentications) routes.push([AUTHENTICATIONS, 'POST'], [AUTHENTICATION, 'GET, DELETE'])
  for (const [path, method] of routes) {
    if (cors) {
      // A preflight carries no credentials: the origin list alone answers it.
      app.options(path, (c) => {
        const origin = c.req.header('origin')
        if (origin === undefined || !cors.allows(origin)) return originRefused(c)
        const headers = {
          ...cors.preflightHeaders(origin, method),
          'x-request-id': requestIdOf(c.req.raw),
        }
        return respond(c, 204, null, headers, undefined)
      })
    }
    const allowed = cors ? `${method}, OPTIONS` : method
    app.all(
      path,
      serve(async (c) => {
        throw new HandlerError(
          405,
          'method_not_allowed',
          `${c.req.method} is not served here; use ${method}`,
          { headers: { allow: allowed } },
        )
      }, false),
    )
  }

  const notFound = serve(async (c) => {
    throw new HandlerError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`)
  }, false)
  // Mounted under a prefix (app.route('/tray', handler)), the parent app's not-found would
  // answer unknown paths under /tray in plain text: this last route answers them in JSON. At
  // the root ('/*'), the paths belong to the parent too, so it lets the parent's routes run.
  app.all('*', (c, next) => (c.req.routePath === '/*' ? next() : notFound(c)))
  app.notFound(notFound)

  return app
}

/**
 * The JSON text of what Tray answered. Parsing accepts any depth, but writing thousands of
 * levels back out overflows the stack: that answer is Tray's fault, so it is a 502.
 */
function upstreamJson(body: unknown): string {
  try {
    return JSON.stringify(body)
  } catch {
    throw new HandlerError(
      502,
      'upstream_invalid_response',
      'Tray answered with a body nested too deeply to pass on',
    )
  }
}

function connectorOf(c: Context): { name: string; version: string } {
  return { name: c.req.param('name') ?? '', version: c.req.param('version') ?? '' }
}
