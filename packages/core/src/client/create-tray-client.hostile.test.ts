import fc from 'fast-check'
import * as v from 'valibot'
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { expectNoPollution, fuzzRuns } from '../__fixtures__/fuzz-harness'
import {
  createAuthentication,
  deleteAuthentication,
  getAuthentication,
} from '../admin/authentications'
import { listServiceEnvironments } from '../admin/list-service-environments'
import { TrayApiError, TrayRateLimitError } from '../errors/tray-api-error'
import { TrayConnectorError } from '../errors/tray-connector-error'
import { TrayError } from '../errors/tray-error'
import {
  TrayConnectionError,
  TrayResponseError,
  TrayTimeoutError,
} from '../errors/tray-transport-errors'
import { TrayValidationError } from '../errors/tray-validation-error'
import { AuthenticationSchema, CreateAuthenticationResultSchema } from '../schemas/authentication'
import { CallResultSchema, DdlResultSchema } from '../schemas/call-result'
import { ConnectorSchema } from '../schemas/connector'
import { JsonObjectSchema } from '../schemas/json-object'
import { OperationSchema } from '../schemas/operation'
import { ServiceEnvironmentSchema } from '../schemas/service-environment'
import {
  type Answer,
  expectedAttempts,
  hostileFetch,
  hostileScript,
  lastAnswer,
} from './__fixtures__/hostile-server'
import { AUTH_ID, CONNECTORS, SEND_MESSAGE, TOKEN } from './__fixtures__/scripted-fetch'
import { createTrayClient } from './create-tray-client'
import { getOutputSchema } from './get-output-schema'
import { resolveLookup } from './resolve-lookup'
import type { TrayClient } from './tray-client'

beforeAll(async () => {
  // The client loads its validator on the first validated call; vitest's module loader does not
  // finish under fake timers, so it is loaded here, for real, first.
  await import('../input-schema/assert-valid-input')
})
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

// The catalog the hostile server garbles: a lookup for resolveLookup, dynamic output for
// getOutputSchema.
const OPERATIONS = {
  elements: [
    {
      ...SEND_MESSAGE,
      inputSchema: {
        ...SEND_MESSAGE.inputSchema,
        properties: {
          ...SEND_MESSAGE.inputSchema.properties,
          channel_id: { type: 'string', lookup: { message: 'list_channels_ddl', input: {} } },
        },
      },
    },
    { ...SEND_MESSAGE, name: 'describe_table', hasDynamicOutput: true },
  ],
}
// One call body that suits every call: a DDL's options and a dynamic output schema in one.
const CALL_RESULT = {
  outcome: 'success',
  output: { result: [{ text: '#general', value: 'C1' }], output_schema: { type: 'object' } },
}
const ENVIRONMENTS = {
  elements: [
    {
      id: 'env-1',
      title: 'Slack',
      authenticationType: 'oauth2',
      userDataSchema: {},
      credentialsSchema: {},
      scopes: [],
    },
  ],
}
const AUTHENTICATION = { id: AUTH_ID, name: 'Mine', serviceEnvironmentId: 'env-1' }

type Route = 'catalog' | 'call'
const INPUT = { channel_id: 'C1', message: 'hi' }

/**
 * Every client method, with the routes it uses: `catalog` (reads, before any write) and `call`
 * (the one write, if any), the documented body of each, whether the write may be repeated, and
 * the shape a resolved value has.
 */
const methods: Array<{
  name: string
  run: (tray: TrayClient) => Promise<unknown>
  catalog?: unknown
  call?: { valid: unknown; safe: boolean }
  result: v.GenericSchema
}> = [
  {
    name: 'listConnectors',
    run: (tray) => tray.listConnectors(),
    catalog: CONNECTORS,
    result: v.array(ConnectorSchema),
  },
  {
    name: 'listConnectorVersions',
    run: (tray) => tray.listConnectorVersions('slack'),
    catalog: CONNECTORS,
    result: v.array(ConnectorSchema),
  },
  {
    name: 'getConnector',
    run: (tray) => tray.getConnector('slack'),
    catalog: CONNECTORS,
    result: ConnectorSchema,
  },
  {
    name: 'listOperations',
    run: (tray) => tray.listOperations('slack', '9.1'),
    catalog: OPERATIONS,
    result: v.array(OperationSchema),
  },
  {
    name: 'getOperation',
    run: (tray) => tray.getOperation('slack', '9.1', 'send_message'),
    catalog: OPERATIONS,
    result: OperationSchema,
  },
  {
    name: 'callConnector',
    run: (tray) =>
      tray.callConnector('slack', '9.1', {
        operation: 'send_message',
        input: INPUT,
        authId: AUTH_ID,
      }),
    catalog: OPERATIONS,
    call: { valid: CALL_RESULT, safe: false },
    result: JsonObjectSchema,
  },
  {
    name: 'callConnector, unvalidated, raw result',
    run: (tray) =>
      tray.callConnector(
        'slack',
        '9.1',
        { operation: 'send_message', input: INPUT },
        { validate: false, throwOnError: false },
      ),
    call: { valid: CALL_RESULT, safe: false },
    result: CallResultSchema,
  },
  {
    name: 'callConnector, idempotent',
    run: (tray) =>
      tray.callConnector(
        'slack',
        '9.1',
        { operation: 'send_message', input: INPUT },
        { validate: false, idempotent: true },
      ),
    call: { valid: CALL_RESULT, safe: true },
    result: JsonObjectSchema,
  },
  {
    name: 'resolveLookup',
    run: (tray) =>
      resolveLookup(tray, {
        connector: 'slack',
        version: '9.1',
        operation: 'send_message',
        field: 'channel_id',
        authId: AUTH_ID,
      }),
    catalog: OPERATIONS,
    // A DDL only reads: it is retried as a read is.
    call: { valid: CALL_RESULT, safe: true },
    result: DdlResultSchema.entries.result,
  },
  {
    name: 'getOutputSchema',
    run: (tray) => getOutputSchema(tray, 'slack', '9.1', 'describe_table', INPUT),
    catalog: OPERATIONS,
    call: { valid: CALL_RESULT, safe: false },
    result: JsonObjectSchema,
  },
  {
    name: 'listServiceEnvironments',
    run: (tray) => listServiceEnvironments(tray, 'slack', 4),
    catalog: ENVIRONMENTS,
    result: v.array(ServiceEnvironmentSchema),
  },
  {
    name: 'createAuthentication',
    run: (tray) => createAuthentication(tray, { name: 'Mine', serviceEnvironmentId: 'env-1' }),
    call: { valid: { id: AUTH_ID }, safe: false },
    result: CreateAuthenticationResultSchema,
  },
  {
    name: 'getAuthentication',
    run: (tray) => getAuthentication(tray, AUTH_ID),
    catalog: AUTHENTICATION,
    result: AuthenticationSchema,
  },
  {
    name: 'deleteAuthentication',
    run: (tray) => deleteAuthentication(tray, AUTH_ID),
    call: { valid: {}, safe: false },
    result: v.undefined(),
  },
]

/** Reads go to the catalog script; POST and DELETE to the call script. */
const route = (method: string): Route => (method === 'GET' ? 'catalog' : 'call')

/**
 * The outcome of a request, running fake time until it settles. Reading a body takes real
 * turns of the event loop, after which the next attempt may start a timer: so time is run
 * again until the request is over (a bounded number of rounds, each a real turn of the loop).
 */
async function settle(promise: Promise<unknown>) {
  let settled = false
  const outcome = promise
    .then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    )
    .finally(() => {
      settled = true
    })
  for (let round = 0; !settled && round < 1_000; round++) await vi.runAllTimersAsync()
  expect(settled).toBe(true)
  return outcome
}

/** What the last attempt's answer says the error must be. */
function expectErrorFor(answer: Answer, error: unknown): void {
  if (answer.kind === 'network') expect(error).toBeInstanceOf(TrayConnectionError)
  else if (answer.kind === 'stall') expect(error).toBeInstanceOf(TrayTimeoutError)
  else if ([301, 302, 303, 307, 308].includes(answer.status)) {
    // A redirect is never followed: it is an answer that does not fit.
    expect(error).toBeInstanceOf(TrayResponseError)
    expect((error as TrayResponseError).status).toBe(answer.status)
  } else if (answer.status >= 300) {
    expect(error).toBeInstanceOf(TrayApiError)
    expect((error as TrayApiError).status).toBe(answer.status)
    if (answer.status === 429) expect(error).toBeInstanceOf(TrayRateLimitError)
  } else if (error instanceof TrayResponseError) {
    // A 2xx that does not fit says where: a dotted path, named in the message.
    expect(typeof error.path).toBe('string')
    expect(error.message).toContain(
      error.path || (error.message.includes('JSON') ? 'JSON' : 'the body'),
    )
  } else {
    // A body that fits can still say no: a third party's error, a connector or operation
    // missing from the list, input the (garbled) schema refuses.
    expect(
      [TrayConnectorError, TrayValidationError, TrayApiError].some((c) => error instanceof c),
    ).toBe(true)
  }
}

describe('every client method against a hostile server (property-based)', () => {
  const cases = methods.map((method) => ({
    method,
    scripts: fc.record({
      catalog:
        method.catalog === undefined ? fc.constant<Answer[]>([]) : hostileScript(method.catalog),
      call:
        method.call === undefined ? fc.constant<Answer[]>([]) : hostileScript(method.call.valid),
    }),
  }))

  test.each(cases.map((c) => [c.method.name, c] as const))(
    '%s: a valid value or a typed error, each request sent as often as the retry rule allows',
    async (_, { method, scripts }) => {
      await fc.assert(
        fc.asyncProperty(scripts, fc.integer({ min: 0, max: 3 }), async (script, maxRetries) => {
          const server = hostileFetch(script, (m) => route(m))
          const tray = createTrayClient({
            token: TOKEN,
            fetch: server.fetch,
            maxRetries,
            timeout: 1_000,
          })
          const outcome = await expectNoPollution(() => settle(method.run(tray)))

          const reads = server.received.filter((r) => route(r.method) === 'catalog').length
          const writes = server.received.filter((r) => route(r.method) === 'call').length
          const readsAllowed =
            method.catalog === undefined ? 0 : expectedAttempts(script.catalog, true, maxRetries)
          const writesAllowed =
            method.call === undefined
              ? 0
              : expectedAttempts(script.call, method.call.safe, maxRetries)
          // The reads come first: a write happens only after they succeed, and never more often
          // than the rule allows (no call billed twice unless the caller said it may be).
          expect(reads).toBe(readsAllowed)
          expect([0, writesAllowed]).toContain(writes)
          if (!outcome.ok && outcome.error instanceof TrayValidationError) expect(writes).toBe(0)

          if (outcome.ok) {
            expect(v.safeParse(method.result, outcome.value).issues).toBeUndefined()
            return
          }
          expect(outcome.error).toBeInstanceOf(TrayError)
          expect(String((outcome.error as Error).message)).not.toContain(TOKEN)
          if (writes > 0) expectErrorFor(lastAnswer(script.call, writes), outcome.error)
          else if (reads > 0) expectErrorFor(lastAnswer(script.catalog, reads), outcome.error)
        }),
        { numRuns: fuzzRuns(40) },
      )
    },
  )
})

describe('every client method against the worst bodies', () => {
  const DEEP = 20_000
  const bodies: Array<[string, string]> = [
    ['empty', ''],
    ['null', 'null'],
    ['a list', '[]'],
    ['HTML', '<html><body>502 Bad Gateway</body></html>'],
    ['JSON cut short', '{"elements":[{"name":"sla'],
    ['20 000 nested lists', `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`],
    ['a message 20 000 objects deep', `{"message":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}`],
    ['a megabyte of padding', `{"message":"${'x'.repeat(1_000_000)}"}`],
    [
      '__proto__ keys',
      '{"__proto__":{"polluted":true},"elements":[{"__proto__":{"polluted":true}}]}',
    ],
  ]
  const statuses = [200, 500]

  test.each(methods.map((m) => [m.name, m] as const))('%s', async (_, method) => {
    for (const [, body] of bodies) {
      for (const status of statuses) {
        const answer: Answer = { kind: 'http', status, body, headers: {} }
        // The catalog reads answer well, so the write meets the bad body, where there is one.
        const script = {
          catalog: method.call
            ? [{ ...answer, status: 200, body: JSON.stringify(method.catalog) }]
            : [answer],
          call: [answer],
        }
        const server = hostileFetch(script, (m) => route(m))
        const tray = createTrayClient({ token: TOKEN, fetch: server.fetch, timeout: 1_000 })
        const outcome = await expectNoPollution(() => settle(method.run(tray)))
        const writes = server.received.filter((r) => route(r.method) === 'call').length
        // A call that may have run is not sent again; a read or an idempotent write is.
        if (method.call && !method.call.safe) expect(writes).toBeLessThanOrEqual(1)
        if (method.call?.safe && status === 500) expect(writes).toBe(3)
        if (outcome.ok) {
          expect(v.safeParse(method.result, outcome.value).issues).toBeUndefined()
        } else {
          expect(outcome.error).toBeInstanceOf(TrayError)
          if (status !== 200) expect((outcome.error as TrayApiError).status).toBe(status)
        }
      }
    }
  })
})
