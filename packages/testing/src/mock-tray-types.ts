import type { Authentication, CallResult, JsonObject, RateLimits } from '@traykit/core'
import type { Hono } from 'hono'
import type { MockCatalog } from './catalog/mock-catalog'

/** Options of `createMockTray`. */
export interface MockTrayOptions {
  /** What the mock serves; the default catalog when omitted. Checked with `parseCatalog`. */
  catalog?: MockCatalog | undefined
  /** The bearer tokens it accepts; any non-empty token when omitted. */
  tokens?: readonly string[] | undefined
  /** Authentications that exist from the start, usable by any token. */
  authentications?: readonly MockAuthentication[] | undefined
  /**
   * Answer 429 beyond Tray's documented limits (`true`: 30 requests/s with bursts of 50 on
   * non-call routes, 1000 concurrent calls) or custom ones. Off by default.
   */
  limits?: boolean | Partial<RateLimits> | undefined
  /**
   * Keep at most this many requests in `mock.calls`, dropping the oldest (for a mock that runs
   * for long); `mock.tasks` still counts every billed call. No limit by default.
   */
  journalLimit?: number | undefined
}

/** An authentication the mock knows: what `getAuthentication` returns, plus the secret parts. */
export type MockAuthentication = Authentication & {
  userData?: JsonObject | undefined
  credentials?: JsonObject | undefined
}

/** The routes of Tray's Connectors API, as the journal and fault scopes name them. */
export type MockRoute =
  | 'connectors'
  | 'operations'
  | 'call'
  | 'environments'
  | 'authentications'
  | 'graphql'

/** What a fault scope can see of a request. */
export interface MockRequestInfo {
  method: string
  /** The URL path, such as `/core/v1/connectors/slack/versions/9.1/call`. */
  path: string
  route: MockRoute
  connector?: string | undefined
  version?: string | undefined
  /** A call's operation, as the body names it; for `graphql`, the root fields asked for (`authorize`). */
  operation?: string | undefined
}

/** One request in the journal (`mock.calls`). Holds no header and never the token. */
export interface MockRequest extends Omit<MockRequestInfo, 'route'> {
  /** `'unknown'` for a path that is no Tray route. */
  route: MockRoute | 'unknown'
  /** A call's `authId`, or the authentication an authentications request is about. */
  authId?: string | undefined
  /** A call's input, as sent. */
  input?: JsonObject | undefined
  /** The status answered: 0 when the connection was dropped, 499 when the client left during a delay. */
  status: number
  /** A call's outcome, when it reached the connector. */
  outcome?: 'success' | 'error' | undefined
  /** True when Tray would bill a task: a call that reached the connector, whatever its outcome. */
  billed: boolean
  /** The fault that changed this answer, if any. */
  fault?: MockFaultKind | undefined
  /** When the request arrived (ms since the epoch). */
  time: number
}

/** A handler's answer: the call's output (outcome success), or a whole `{ outcome, output }`. */
export type MockHandlerResult = JsonObject | CallResult

/** What a handler knows about the call it answers. */
export interface MockHandlerContext {
  connector: string
  version: string
  operation: string
  authId: string | undefined
  /** The authentication the call names, with its `userData` and `credentials`. */
  authentication: MockAuthentication | undefined
  returnOutputSchema: boolean
  /** What the mock answers without a handler: canned responses, pages, or a sample of the output schema. */
  defaultResult(): CallResult
  /** The HTTP request, for headers or the abort signal. */
  request: Request
}

/** Answers calls to one operation; a throw becomes outcome "error", as a failing third party does. */
export type MockHandler = (
  input: JsonObject,
  context: MockHandlerContext,
) => MockHandlerResult | Promise<MockHandlerResult>

/** Which requests a fault hits: fields that must all be equal, or a predicate. */
export type FaultMatch =
  | Partial<Pick<MockRequestInfo, 'method' | 'route' | 'connector' | 'version' | 'operation'>>
  | ((request: MockRequestInfo) => boolean)

/** The scope and count every fault takes. */
export interface FaultScope {
  /** Which requests; all of them when omitted. */
  match?: FaultMatch | undefined
  /** How many matching requests it hits before it is used up; every one when omitted. */
  times?: number | undefined
  /**
   * Hit after the request has run (a call is billed, an authentication created): the answer
   * is lost on its way back, the case where a retry would do it twice.
   */
  runFirst?: boolean | undefined
}

/** `mock.fail`: answer with a status instead of Tray's answer. */
export interface FailOptions extends FaultScope {
  status: number
  /** JSON body, or a string sent as it is; Tray's `{ message }` for the status when omitted. */
  body?: unknown
  /** Seconds, sent as a `Retry-After` header. */
  retryAfter?: number | undefined
  headers?: Record<string, string> | undefined
}

/** `mock.delay`: answer late. */
export interface DelayOptions extends FaultScope {
  ms: number
}

/** `mock.malformed`: answer with a body that is not JSON. */
export interface MalformedOptions extends FaultScope {
  /** Default 200. */
  status?: number | undefined
  /** Default: JSON cut off in the middle. */
  body?: string | undefined
}

/** The kinds of fault the mock injects. */
export type MockFaultKind = 'fail' | 'delay' | 'drop' | 'malformed'

/** A registered fault. */
export interface MockFault {
  /** Requests it has hit so far. */
  readonly hits: number
  /** Requests it will still hit (`Infinity` for no limit). */
  readonly remaining: number
  /** Stops it now. */
  remove(): void
}

/** A mock Tray: a Hono app that serves Tray's Connectors API from a catalog. */
export interface MockTray {
  /** The Hono app: mount it, serve it on any runtime, or call `app.request()`. */
  readonly app: Hono
  /** An in-process fetch: `createTrayClient({ baseUrl: 'http://tray.test', fetch: mock.fetch })`. */
  readonly fetch: typeof fetch
  /** The request journal, oldest first (a copy). */
  readonly calls: readonly MockRequest[]
  /** Billed tasks so far: calls that reached the connector, success or third-party error. */
  readonly tasks: number
  /** Answers an operation's calls with `handler` (every version of the connector unless `version`). */
  handle(
    connector: string,
    operation: string,
    handler: MockHandler,
    options?: { version?: string | undefined },
  ): void
  /** Answers matching requests with an error status (or any status and body). */
  fail(options: FailOptions): MockFault
  /** Holds matching requests for `ms` before (or, with `runFirst`, after) they run. */
  delay(options: DelayOptions): MockFault
  /** Drops the connection of matching requests, as a reset would. */
  drop(options?: FaultScope): MockFault
  /** Answers matching requests with a body that is not JSON. */
  malformed(options?: MalformedOptions): MockFault
  /** Back to the state at creation: journal, handlers, faults, limits and authentications. */
  reset(): void
  /**
   * The clock user tokens expire on (2 days after `authorize`): the real time plus what the
   * test advanced it by. `reset()` sets it back.
   */
  readonly clock: MockClock
}

/** The mock's clock, which a test moves forward to expire user tokens. */
export interface MockClock {
  /** The mock's time, in ms since the epoch. */
  now(): number
  /** Moves the mock's time forward by `ms`. */
  advance(ms: number): void
}
