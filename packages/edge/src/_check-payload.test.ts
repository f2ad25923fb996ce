import { INPUT_LIMITS } from '@traykit/core'
import { describe, expect, it } from 'vitest'
import { ECHO_CALL_PATH, echoCatalog } from './__fixtures__/echo-catalog'
import { SEND_MESSAGE, setup, TOKEN } from './__fixtures__/setup'

/** A JSON object `depth` levels deep in total: `{"a":{"a":…{}}}`. */
function nestedObject(depth: number): string {
  return `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`
}

describe('the payload shape', () => {
  it.each([
    [[], ''],
    [42, ''],
    [{ input: {} }, 'operation'],
    [{ operation: '', input: {} }, 'operation'],
    [{ operation: 'send_message' }, 'input'],
    [{ operation: 'send_message', input: [] }, 'input'],
    [{ operation: 'send_message', input: {}, authId: 'not-a-uuid' }, 'authId'],
    [{ operation: 'send_message', input: {}, returnOutputSchema: 'yes' }, 'returnOutputSchema'],
  ])('refuses %j, naming %s', async (body, path) => {
    const { mock, call } = setup()
    const response = await call(body)
    expect(response.status).toBe(400)
    const answer = (await response.json()) as { code: string; issues: { path: string }[] }
    expect(answer.code).toBe('invalid_payload')
    expect(answer.issues.map((i) => i.path)).toContain(path)
    expect(mock.calls).toEqual([])
  })

  it('refuses unknown fields instead of dropping them, so a typo cannot run a call without its auth', async () => {
    const { mock, call } = setup()
    const response = await call({
      operation: 'send_message',
      input: { channel: 'C1', text: 'hi' },
      authID: '0b7e8f8e-2d6a-4a36-9a7b-3f1f3c2a9d10',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      code: 'invalid_payload',
      issues: [
        {
          path: 'authID',
          message: expect.stringMatching(/unknown field \(did you mean "authId"\?\)/),
        },
      ],
    })
    expect(mock.tasks).toBe(0)
  })

  it.each([['__proto__'], ['constructor'], ['prototype']])(
    'refuses a top-level %s field like any unknown field, and bills nothing',
    async (key) => {
      const { mock, call } = setup()
      // Written as JSON text: JSON.parse makes it an own field, as it arrives over the wire.
      const body = `{"operation":"send_message","input":{"channel":"C1","text":"hi"},"${key}":{"x":1}}`
      const response = await call(body)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({
        code: 'invalid_payload',
        issues: [{ path: key, message: expect.stringMatching(/not a call payload field/) }],
      })
      expect(mock.calls).toEqual([])
      expect(({} as Record<string, unknown>).x).toBeUndefined()
    },
  )
})

describe('the nesting depth', () => {
  function echoSetup() {
    const { mock, request } = setup(
      { allow: { echo: '*' } },
      { tokens: [TOKEN], catalog: echoCatalog },
    )
    const callEcho = (input: string) =>
      request(ECHO_CALL_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"operation":"anything","input":${input}}`,
      })
    return { mock, callEcho }
  }

  const MAX_DEPTH = INPUT_LIMITS.maxDepth

  it(`forwards an input ${MAX_DEPTH} levels deep`, async () => {
    const { mock, callEcho } = echoSetup()
    // The input itself is level 1, as core counts it.
    const response = await callEcho(nestedObject(MAX_DEPTH))
    expect(response.status).toBe(200)
    expect(mock.tasks).toBe(1)
  })

  it.each([
    ['one level too deep', nestedObject(MAX_DEPTH + 1)],
    ['10 000 levels of objects', nestedObject(10_000)],
    ['10 000 levels of arrays', `{"list":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
  ])(
    'refuses an input %s with a 400 naming the field, before anything is billed',
    async (_name, input) => {
      const { mock, callEcho } = echoSetup()
      const response = await callEcho(input)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({
        code: 'invalid_payload',
        message: expect.stringMatching(`nested more than ${MAX_DEPTH} levels deep`),
        issues: [{ path: expect.stringMatching(/^input\./) }],
      })
      expect(mock.tasks).toBe(0)
      expect(mock.calls.filter((c) => c.route === 'call')).toEqual([])
    },
  )

  it('checks the shape first, so a deep body of the wrong kind says so', async () => {
    const { call } = setup()
    const response = await call(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      code: 'invalid_payload',
      issues: [{ path: '', message: expect.stringMatching(/must be an object/) }],
    })
    expect((await call(SEND_MESSAGE)).status).toBe(200)
  })
})

describe('the input bounds', () => {
  it('refuses an input with more fields than core allows before anything upstream, even the operation read', async () => {
    const { mock, call } = setup()
    const input = Object.fromEntries(
      Array.from({ length: INPUT_LIMITS.maxKeys + 1 }, (_, i) => [`k${i}`, i]),
    )
    const response = await call({ operation: 'send_message', input })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      code: 'invalid_payload',
      issues: [{ path: expect.stringMatching(/^input/) }],
    })
    expect(mock.calls).toEqual([])
  })
})
