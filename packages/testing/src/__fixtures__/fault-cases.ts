import {
  type ClientHooks,
  TrayAuthenticationError,
  TrayBadRequestError,
  TrayConnectionError,
  type TrayError,
  TrayNotFoundError,
  TrayPermissionError,
  TrayRateLimitError,
  TrayResponseError,
  TrayServerError,
  TrayTimeoutError,
} from '@traykit/core'
import { expect } from 'vitest'
import type { FaultScope, MockRoute, MockTray } from '../index'

// The fault matrix, as data: every fault, and what a caller and the server must see for a read
// and for a billable call. The expectations are written out, not derived from core's retry
// rule, so a change to the rule breaks a cell instead of moving with it.

/** The client's per-attempt timeout in the matrix; a delay fault outlasts it. */
export const TIMEOUT_MS = 2_000

/** How long a delay fault holds a request: well past `TIMEOUT_MS`. */
const DELAY_MS = 30_000

/** The matrix's `Retry-After`, in seconds: small, so the cells that honour it stay quick. */
const RETRY_AFTER_S = 1

/** A `Retry-After` past the longest wait core honours. */
const OVER_CAP_RETRY_AFTER_S = 120

/** A read (GET /connectors, never cached) or a billable call (POST .../call). */
export type RequestKind = 'read' | 'call'

/** The mock route each kind of request hits. */
export const ROUTE: Record<RequestKind, MockRoute> = { read: 'connectors', call: 'call' }

/** Why the client retried, as its `onRetry` hook reports it. */
export type RetryReason = Parameters<NonNullable<ClientHooks['onRetry']>>[0]['reason']

/** An error class of @traykit/core. */
type ErrorClass = abstract new (...args: never[]) => TrayError

/** What one cell of the matrix must show. */
export interface Expected {
  /** The error the caller gets; none: the request succeeds (after the retries listed). */
  error?: ErrorClass | undefined
  /** Fields the error must have, such as `{ beforeSend: true }`. */
  fields?: Record<string, unknown> | undefined
  /** Requests the mock saw on the route (connections that never reached it excluded). */
  requests: number
  /** Tasks the mock billed. */
  billed: number
  /** Why the client retried, in order. */
  retries: RetryReason[]
  /** The wait before each retry, when the server set it with `Retry-After`. */
  retryDelaysMs?: number[] | undefined
}

/** Adds a mock fault within `scope`: the cell's route, and `times: 1` for a fault that hits once. */
export type InjectFault = (mock: MockTray, scope: FaultScope, kind: RequestKind) => void

/**
 * How a fault is set up: a mock fault, or a connection that fails before the mock. `refuse`:
 * nothing listens on the port (ECONNREFUSED); `reset`: a front closes the connection unread.
 */
export type FaultSetup = { mock: InjectFault } | { connection: 'refuse' | 'reset' }

/** One fault, on the first attempt only (`once`) or on every attempt (`always`). */
export interface FaultCase {
  fault: string
  times: 'once' | 'always'
  setup: FaultSetup
  read?: Expected | undefined
  call?: Expected | undefined
}

/** Refused before sending: the request provably never left. */
const NOT_SENT = { beforeSend: true }

/**
 * Broken after sending: it may have run, and the message must say so. "Could not reach" alone
 * would tell a caller that a billed call never happened, inviting them to send it again.
 */
const MAY_HAVE_RUN = { beforeSend: false, message: expect.stringMatching(/may have/) }

const rejects = (error: ErrorClass, requests: number, more: Partial<Expected> = {}): Expected => ({
  error,
  requests,
  billed: 0,
  retries: [],
  ...more,
})

const resolves = (requests: number, more: Partial<Expected> = {}): Expected => ({
  requests,
  billed: 0,
  retries: [],
  ...more,
})

const fail =
  (status: number, retryAfter?: number): InjectFault =>
  (mock, scope) =>
    mock.fail({ status, retryAfter, ...scope })

/** A Tray answer that no retry changes: the same answer for either kind, never retried. */
function refusal(status: number, error: ErrorClass): FaultCase {
  return {
    fault: String(status),
    times: 'always',
    setup: { mock: fail(status) },
    read: rejects(error, 1, { fields: { status } }),
    call: rejects(error, 1, { fields: { status } }),
  }
}

/** A 5xx: a read is retried; a call is not, it may have run. */
function serverError(status: number): FaultCase[] {
  return [
    {
      fault: String(status),
      times: 'once',
      setup: { mock: fail(status) },
      read: resolves(2, { retries: ['server-error'] }),
      call: rejects(TrayServerError, 1, { fields: { status } }),
    },
    {
      fault: String(status),
      times: 'always',
      setup: { mock: fail(status) },
      read: rejects(TrayServerError, 2, { fields: { status }, retries: ['server-error'] }),
      call: rejects(TrayServerError, 1, { fields: { status } }),
    },
  ]
}

/** A 429: refused before it ran, so a call is retried too, after `Retry-After` when given. */
function rateLimited(retryAfter: number | undefined): FaultCase[] {
  const fault = retryAfter === undefined ? '429 no Retry-After' : `429 Retry-After: ${retryAfter}`
  const retryAfterMs = retryAfter === undefined ? undefined : retryAfter * 1000
  const waited = {
    retries: ['rate-limited'] as RetryReason[],
    retryDelaysMs: retryAfterMs === undefined ? undefined : [retryAfterMs],
  }
  return [
    {
      fault,
      times: 'once',
      setup: { mock: fail(429, retryAfter) },
      read: resolves(2, waited),
      call: resolves(2, { ...waited, billed: 1 }),
    },
    {
      fault,
      times: 'always',
      setup: { mock: fail(429, retryAfter) },
      read: rejects(TrayRateLimitError, 2, { ...waited, fields: { retryAfterMs } }),
      call: rejects(TrayRateLimitError, 2, { ...waited, fields: { retryAfterMs } }),
    },
  ]
}

/** A body that fits no schema: what the call route answers after a run, the read route before. */
const wrongShape: Record<RequestKind, unknown> = {
  read: { elements: 'not a list' },
  call: { outcome: 'done', output: {} },
}

/**
 * A redirect is refused, never followed: following would carry the token and a billed call to
 * wherever it points. Node's fetch refuses it itself, so the status is not known (0).
 */
const REFUSED_REDIRECT = {
  status: 0,
  message: expect.stringMatching(/with a redirect, which traykit does not follow/),
}

/** The matrix: every fault, for a read and for a call. */
export const FAULT_CASES: FaultCase[] = [
  refusal(400, TrayBadRequestError),
  refusal(401, TrayAuthenticationError),
  refusal(403, TrayPermissionError),
  refusal(404, TrayNotFoundError),
  ...rateLimited(RETRY_AFTER_S),
  ...rateLimited(undefined),
  {
    fault: `429 Retry-After: ${OVER_CAP_RETRY_AFTER_S}`,
    times: 'always',
    setup: { mock: fail(429, OVER_CAP_RETRY_AFTER_S) },
    // Longer than core waits (60 s): it gives up at once and says how long the server asked for.
    read: rejects(TrayRateLimitError, 1, {
      fields: { retryAfterMs: OVER_CAP_RETRY_AFTER_S * 1000 },
    }),
    call: rejects(TrayRateLimitError, 1, {
      fields: { retryAfterMs: OVER_CAP_RETRY_AFTER_S * 1000 },
    }),
  },
  {
    fault: '307 redirect to itself',
    times: 'always',
    // Back to the same route: a followed redirect would show as a second request.
    setup: {
      mock: (mock, scope, kind) =>
        mock.fail({
          status: 307,
          headers: {
            location:
              kind === 'read'
                ? '/core/v1/connectors'
                : '/core/v1/connectors/slack/versions/9.1/call',
          },
          ...scope,
        }),
    },
    read: rejects(TrayResponseError, 1, { fields: REFUSED_REDIRECT }),
    call: rejects(TrayResponseError, 1, { fields: REFUSED_REDIRECT }),
  },
  ...serverError(500),
  ...serverError(502),
  ...serverError(503),
  {
    fault: 'delay past timeout',
    times: 'once',
    setup: { mock: (mock, scope) => mock.delay({ ms: DELAY_MS, ...scope }) },
    read: resolves(2, { retries: ['timeout'] }),
    // The client left while the mock held the call, before it ran: nothing billed, never resent.
    call: rejects(TrayTimeoutError, 1),
  },
  {
    fault: 'delay past timeout',
    times: 'always',
    setup: { mock: (mock, scope) => mock.delay({ ms: DELAY_MS, ...scope }) },
    read: rejects(TrayTimeoutError, 2, { retries: ['timeout'] }),
    call: rejects(TrayTimeoutError, 1),
  },
  {
    fault: 'delay past timeout, after run',
    times: 'once',
    setup: { mock: (mock, scope) => mock.delay({ ms: DELAY_MS, runFirst: true, ...scope }) },
    // Billed, the answer late: the client must not send it again.
    call: rejects(TrayTimeoutError, 1, { billed: 1 }),
  },
  {
    fault: 'refused before sending',
    times: 'once',
    setup: { connection: 'refuse' },
    read: resolves(1, { retries: ['not-sent'] }),
    // It provably never left: the one retry is the only send, billed once.
    call: resolves(1, { retries: ['not-sent'], billed: 1 }),
  },
  {
    fault: 'refused before sending',
    times: 'always',
    setup: { connection: 'refuse' },
    read: rejects(TrayConnectionError, 0, { retries: ['not-sent'], fields: NOT_SENT }),
    call: rejects(TrayConnectionError, 0, { retries: ['not-sent'], fields: NOT_SENT }),
  },
  {
    fault: 'reset before read',
    times: 'once',
    setup: { connection: 'reset' },
    read: resolves(1, { retries: ['network'] }),
    // The client cannot tell an unread request from a lost answer: a call is not resent.
    call: rejects(TrayConnectionError, 0, { fields: MAY_HAVE_RUN }),
  },
  {
    fault: 'reset before read',
    times: 'always',
    setup: { connection: 'reset' },
    read: rejects(TrayConnectionError, 0, { retries: ['network'], fields: MAY_HAVE_RUN }),
    call: rejects(TrayConnectionError, 0, { fields: MAY_HAVE_RUN }),
  },
  {
    fault: 'dropped after receipt',
    times: 'once',
    setup: { mock: (mock, scope) => mock.drop(scope) },
    read: resolves(2, { retries: ['network'] }),
    call: rejects(TrayConnectionError, 1, { fields: MAY_HAVE_RUN }),
  },
  {
    fault: 'dropped after receipt',
    times: 'always',
    setup: { mock: (mock, scope) => mock.drop(scope) },
    read: rejects(TrayConnectionError, 2, { retries: ['network'], fields: MAY_HAVE_RUN }),
    call: rejects(TrayConnectionError, 1, { fields: MAY_HAVE_RUN }),
  },
  {
    fault: 'dropped after run',
    times: 'once',
    setup: { mock: (mock, scope) => mock.drop({ runFirst: true, ...scope }) },
    // Billed, the answer lost: the case a naive retry would bill twice.
    call: rejects(TrayConnectionError, 1, { billed: 1, fields: MAY_HAVE_RUN }),
  },
  {
    fault: 'malformed JSON',
    times: 'always',
    // A call's body breaks after it ran (billed); a read's before.
    setup: { mock: (mock, scope, kind) => mock.malformed({ runFirst: kind === 'call', ...scope }) },
    read: rejects(TrayResponseError, 1, { fields: { status: 200, path: '' } }),
    call: rejects(TrayResponseError, 1, { billed: 1, fields: { status: 200, path: '' } }),
  },
  {
    fault: 'wrong shape',
    times: 'always',
    setup: {
      mock: (mock, scope, kind) =>
        mock.fail({ status: 200, body: wrongShape[kind], runFirst: kind === 'call', ...scope }),
    },
    read: rejects(TrayResponseError, 1, { fields: { status: 200, path: 'elements' } }),
    call: rejects(TrayResponseError, 1, { billed: 1, fields: { status: 200, path: 'outcome' } }),
  },
]
