import type { Context, MiddlewareHandler } from 'hono'
import { rootFieldsOf } from '../graphql/_parse-graphql'
import type { MockRequest, MockRequestInfo, MockRoute } from '../mock-tray-types'
import { droppedResponse, isDropped } from './_dropped-connection'
import type { FaultAction } from './_fault-set'
import { readJson } from './_read-json'
import type { MockState } from './_state'
import { errorBody } from './_tray-messages'
import { callerOf } from './_users-state'

/**
 * What the gate hands the route behind it. `token` is the caller: the master token, or the
 * key of the user behind a user token (so what a user creates stays theirs across tokens).
 */
export type MockEnv = { Variables: { entry: MockRequest; token: string } }

/** Statuses whose response has no body. */
const NULL_BODY = new Set([204, 205, 304])

/**
 * Runs in front of every Tray route: journals the request, applies the faults that match it,
 * checks the bearer token and the limits, then lets the route answer (and applies the faults
 * meant to hit after it ran).
 */
export function gate(state: MockState, route: MockRoute): MiddlewareHandler<MockEnv> {
  return async (c, next) => {
    const info: MockRequestInfo = {
      method: c.req.method,
      path: c.req.path,
      route,
      connector: c.req.param('connector'),
      version: c.req.param('version'),
      operation:
        route === 'call'
          ? await readOperation(c)
          : route === 'graphql'
            ? rootFieldsOf(await readJson(c))
            : undefined,
    }
    const entry: MockRequest = { ...info, status: 0, billed: false, time: Date.now() }
    c.set('entry', entry)
    const limits = state.limits
    let inCall = false
    try {
      if (!(await applyFaults(c, state, info, false))) return
      const bearer = /^Bearer +(\S+) *$/i.exec(c.req.header('authorization') ?? '')?.[1]
      // An expired user token gets Tray's 401 like an unknown one.
      const token = callerOf(state, bearer)
      if (token === undefined) {
        c.res = c.json(errorBody(401), 401)
        return
      }
      c.set('token', token)
      if (limits) {
        inCall = route === 'call' && limits.enterCall()
        const admitted = route === 'call' ? inCall : limits.takeRequest()
        if (!admitted) {
          c.res = c.json(errorBody(429), 429)
          return
        }
      }
      await next()
      await applyFaults(c, state, info, true)
    } finally {
      if (inCall) limits?.leaveCall()
      entry.status = isDropped(c.res) ? 0 : c.res.status
      record(state, entry)
    }
  }
}

/** Adds an answered request to the journal, dropping the oldest beyond the limit. */
export function record(state: MockState, entry: MockRequest): void {
  if (entry.billed) state.tasks += 1
  state.journal.push(entry)
  if (state.journal.length > state.journalLimit) {
    state.journal.splice(0, state.journal.length - state.journalLimit)
  }
}

/** Applies the matching faults of one moment; false when one of them answered instead. */
async function applyFaults(
  c: Context<MockEnv>,
  state: MockState,
  info: MockRequestInfo,
  runFirst: boolean,
): Promise<boolean> {
  const entry = c.get('entry')
  const hit = state.faults.take(info, runFirst)
  if (hit.delayMs > 0) {
    entry.fault = 'delay'
    if (!(await sleep(hit.delayMs, c.req.raw.signal))) {
      // The client gave up while it waited (nginx's 499); before running, the request never runs.
      c.res = new Response(null, { status: 499 })
      return false
    }
  }
  if (hit.action === undefined) return true
  entry.fault = hit.action.kind
  c.res = faultResponse(hit.action)
  return false
}

function faultResponse(action: Exclude<FaultAction, { kind: 'delay' }>): Response {
  if (action.kind === 'drop') return droppedResponse()
  const headers = {
    'content-type': 'application/json',
    ...(action.kind === 'fail' ? action.headers : {}),
  }
  if (NULL_BODY.has(action.status)) return new Response(null, { status: action.status, headers })
  const body = action.body ?? JSON.stringify(errorBody(action.status))
  return new Response(body, { status: action.status, headers })
}

async function readOperation(c: Context<MockEnv>): Promise<string | undefined> {
  const operation = ((await readJson(c)) as { operation?: unknown } | null | undefined)?.operation
  return typeof operation === 'string' ? operation : undefined
}

/** Waits `ms`; resolves false at once if the request is aborted meanwhile. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
