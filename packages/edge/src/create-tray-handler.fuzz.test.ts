import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ECHO_CALL_PATH } from './__fixtures__/echo-catalog'
import { FUZZ_SESSION, fuzzTarget } from './__fixtures__/fuzz-target'
import {
  callBody,
  contentType,
  headerName,
  headerValue,
  pathSegment,
  unknownFields,
  upstreamBody,
} from './__fixtures__/hostile-input'
import { CALL_PATH, SEND_MESSAGE } from './__fixtures__/setup'

/** Runs per property: every kind of hostile input many times over, in a few seconds. */
const RUNS = { bodies: 400, headers: 200, paths: 300, upstream: 150 }
const JSON_HEADERS = { authorization: FUZZ_SESSION, 'content-type': 'application/json' }

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled)
})
afterAll(() => {
  process.off('unhandledRejection', onUnhandled)
  expect(unhandled).toEqual([])
})

describe('hostile call bodies', () => {
  it(`answer 200 or a clear 4xx, bill only what was forwarded, pollute nothing (${RUNS.bodies} runs)`, async () => {
    const { send } = fuzzTarget()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(ECHO_CALL_PATH, ECHO_CALL_PATH, CALL_PATH),
        callBody,
        contentType,
        async (path, { text }, type) => {
          const headers = { authorization: FUZZ_SESSION, ...(type && { 'content-type': type }) }
          const answer = await send(path, { method: 'POST', headers, body: text })
          // An unknown field, `__proto__` included, is refused rather than dropped.
          if (unknownFields(text).length > 0 && answer.status !== 415) {
            expect(answer.code).toBe('invalid_payload')
          }
        },
      ),
      { numRuns: RUNS.bodies },
    )
  })
})

describe('hostile headers', () => {
  it(`never make the handler fail, leak or send elsewhere (${RUNS.headers} runs)`, async () => {
    const { send } = fuzzTarget()
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
        fc.constantFrom('GET', 'POST', 'OPTIONS', 'PUT'),
        async (headers, method) => {
          await send(method === 'GET' ? '/core/v1/connectors' : CALL_PATH, {
            method,
            headers: { ...JSON_HEADERS, ...headers },
            ...(method !== 'GET' && { body: JSON.stringify(SEND_MESSAGE) }),
          })
        },
      ),
      { numRuns: RUNS.headers },
    )
  })
})

describe('hostile path parameters', () => {
  it(`stay inside their segment upstream, with a clear answer (${RUNS.paths} runs)`, async () => {
    const { send } = fuzzTarget()
    await fc.assert(
      fc.asyncProperty(pathSegment, pathSegment, fc.boolean(), async (name, version, isCall) => {
        const route = isCall ? 'call' : 'operations'
        await send(`/core/v1/connectors/${name}/versions/${version}/${route}`, {
          method: isCall ? 'POST' : 'GET',
          headers: JSON_HEADERS,
          ...(isCall && { body: JSON.stringify({ operation: 'anything', input: {} }) }),
        })
      }),
      { numRuns: RUNS.paths },
    )
  })
})

describe('hostile upstream answers', () => {
  // 200 most often: a success's body is the one that gets furthest, through to the answer.
  const status = fc.oneof(
    { arbitrary: fc.constant(200), weight: 4 },
    fc.constantFrom(201, 204, 301, 400, 401, 403, 404, 409, 429, 500, 502, 503),
  )

  it(`are passed on or answered 502, never a failure of the handler's own (${RUNS.upstream} runs)`, async () => {
    const { mock, send } = fuzzTarget({ faulty: true })
    await fc.assert(
      fc.asyncProperty(
        status,
        upstreamBody(10_000),
        fc.boolean(),
        async (code, { text }, isCall) => {
          const route = isCall ? 'call' : 'connectors'
          const fault = mock.fail({ status: code, body: text, match: { route } })
          try {
            await send(isCall ? ECHO_CALL_PATH : '/core/v1/connectors', {
              method: isCall ? 'POST' : 'GET',
              headers: JSON_HEADERS,
              ...(isCall && { body: JSON.stringify({ operation: 'anything', input: {} }) }),
            })
          } finally {
            fault.remove()
          }
        },
      ),
      { numRuns: RUNS.upstream },
    )
  })
})
