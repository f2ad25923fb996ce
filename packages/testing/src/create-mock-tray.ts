import { AuthenticationSchema, AuthIdSchema, JsonObjectSchema } from '@traykit/core'
import type { Hono } from 'hono'
import * as v from 'valibot'
import { defaultCatalog } from './catalog/default-catalog'
import type { MockCatalog, ParsedCatalog } from './catalog/mock-catalog'
import { parseCatalog } from './catalog/parse-catalog'
import type {
  DelayOptions,
  FailOptions,
  FaultScope,
  MalformedOptions,
  MockAuthentication,
  MockRequest,
  MockTray,
  MockTrayOptions,
} from './mock-tray-types'
import { createApp } from './server/_create-app'
import { FaultSet } from './server/_fault-set'
import { createInProcessFetch } from './server/_in-process-fetch'
import { resolveLimits, ServerLimits } from './server/_server-limits'
import {
  type CatalogIndex,
  handlerKey,
  indexCatalog,
  type MockState,
  type StoredAuthentication,
} from './server/_state'
import { createUsersState, resetUsersState } from './server/_users-state'

let defaultLoaded: { catalog: ParsedCatalog; index: CatalogIndex } | undefined

function load(catalog: MockCatalog) {
  const parsed = parseCatalog(catalog)
  return { catalog: parsed, index: indexCatalog(parsed) }
}

/** A catalog is only ever read, so every mock on the default one shares one parsed copy. */
function loadDefault() {
  if (!defaultLoaded) defaultLoaded = load(defaultCatalog)
  return defaultLoaded
}

const SeedAuthenticationSchema = v.looseObject({
  ...AuthenticationSchema.entries,
  id: AuthIdSchema,
  userData: v.optional(JsonObjectSchema),
  credentials: v.optional(JsonObjectSchema),
})

/** Creates a mock Tray: a Hono app serving Tray's Connectors API from a catalog, with faults and a journal. */
export function createMockTray(options: MockTrayOptions = {}): MockTray {
  const { catalog, index } = options.catalog ? load(options.catalog) : loadDefault()
  const tokens = options.tokens === undefined ? undefined : checkTokens(options.tokens)
  const seeds = (options.authentications ?? []).map(checkSeed)
  const limits = resolveLimits(options.limits)
  const journalLimit = options.journalLimit ?? Number.POSITIVE_INFINITY
  if (!(journalLimit >= 0) || (Number.isFinite(journalLimit) && !Number.isInteger(journalLimit))) {
    throw new RangeError(
      `createMockTray: journalLimit must be a whole number of at least 0, got ${String(options.journalLimit)}`,
    )
  }

  const state: MockState = {
    catalog: index,
    tokens,
    authentications: new Map(),
    handlers: new Map(),
    faults: new FaultSet(),
    limits: undefined,
    journal: [],
    journalLimit,
    tasks: 0,
    users: createUsersState(catalog),
  }
  const reset = () => {
    state.authentications = new Map(seeds.map((seed) => [seed.id, structuredClone(seed)]))
    state.handlers.clear()
    state.faults.clear()
    state.limits = limits && new ServerLimits(limits)
    state.journal = []
    state.tasks = 0
    resetUsersState(state.users)
  }
  reset()

  const app = createApp(state)
  return {
    app: app as unknown as Hono,
    fetch: createInProcessFetch(app),
    get calls() {
      // Deep copies (a test may change what it reads, the journal must keep what was received),
      // without the fields a request did not have, so they print and compare cleanly.
      return state.journal.map((entry) =>
        structuredClone(
          Object.fromEntries(
            Object.entries(entry).filter(([, value]) => value !== undefined),
          ) as MockRequest,
        ),
      )
    },
    get tasks() {
      return state.tasks
    },
    handle(connector, operation, handler, handleOptions = {}) {
      const version = handleOptions.version
      const versions = catalog.connectors.filter(
        (c) => c.name === connector && (version === undefined || c.version === version),
      )
      if (versions.length === 0) {
        throw new Error(
          `mock.handle: the catalog has no connector ${connector}${version ? ` ${version}` : ''}`,
        )
      }
      if (!versions.some((c) => c.operations.some((op) => op.name === operation))) {
        const known = [...new Set(versions.flatMap((c) => c.operations.map((op) => op.name)))]
        throw new Error(
          `mock.handle: ${connector} has no operation ${operation} (it has ${known.join(', ')})`,
        )
      }
      if (typeof handler !== 'function')
        throw new TypeError('mock.handle: handler must be a function')
      state.handlers.set(handlerKey(connector, version ?? '*', operation), handler)
    },
    fail(failOptions: FailOptions) {
      const status = checkStatus('fail', failOptions.status)
      const headers = { ...failOptions.headers }
      if (failOptions.retryAfter !== undefined)
        headers['retry-after'] = String(failOptions.retryAfter)
      // Serialized now: a test that changes its body object later must not change the fault.
      const body =
        failOptions.body === undefined || typeof failOptions.body === 'string'
          ? failOptions.body
          : JSON.stringify(failOptions.body)
      return state.faults.add({ kind: 'fail', status, body, headers }, failOptions)
    },
    delay(delayOptions: DelayOptions) {
      const ms = delayOptions.ms
      if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) {
        throw new RangeError(`mock.delay: ms must be a number of at least 0, got ${String(ms)}`)
      }
      return state.faults.add({ kind: 'delay', ms }, delayOptions)
    },
    drop(scope: FaultScope = {}) {
      return state.faults.add({ kind: 'drop' }, scope)
    },
    malformed(malformedOptions: MalformedOptions = {}) {
      const status = checkStatus('malformed', malformedOptions.status ?? 200)
      const body = malformedOptions.body ?? '{"outcome":"success","output":{"ok":tr'
      return state.faults.add({ kind: 'malformed', status, body }, malformedOptions)
    },
    reset,
    clock: {
      now: () => Date.now() + state.users.offsetMs,
      advance(ms: number) {
        if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) {
          throw new RangeError(
            `mock.clock.advance: ms must be a number of at least 0, got ${String(ms)}`,
          )
        }
        state.users.offsetMs += ms
      },
    },
  }
}

function checkTokens(tokens: readonly string[]): ReadonlySet<string> {
  if (!Array.isArray(tokens) || tokens.some((t) => typeof t !== 'string' || t.trim() === '')) {
    // Never echo the values: they are tokens.
    throw new TypeError('createMockTray: tokens must be an array of non-empty strings')
  }
  return new Set(tokens)
}

function checkSeed(seed: MockAuthentication, index: number): StoredAuthentication {
  const result = v.safeParse(SeedAuthenticationSchema, seed)
  if (!result.success) {
    const issue = result.issues[0]
    const path = v.getDotPath(issue)
    throw new TypeError(
      `createMockTray: authentications[${index}]${path ? `.${path}` : ''}: ${issue.message}`,
    )
  }
  // A private copy: the seed's userData and credentials are the caller's objects until copied.
  return structuredClone(result.output)
}

function checkStatus(fault: string, status: number): number {
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new RangeError(
      `mock.${fault}: status must be a whole number from 200 to 599, got ${String(status)}`,
    )
  }
  return status
}
