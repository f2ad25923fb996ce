import { afterEach, beforeEach, expect, it, vi } from 'vitest'
// The root entry, with no fixture that loads the lean client's lazy modules first.
import { createTrayClient } from './index'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

it("the root's client gets through a first failure and its retry under fake timers", async () => {
  let requests = 0
  const fetch = async () => {
    requests++
    return requests === 1
      ? new Response(JSON.stringify({ message: 'busy' }), { status: 503 })
      : new Response(JSON.stringify({ elements: [] }), { status: 200 })
  }
  const tray = createTrayClient({ token: 'root-token-abcdefgh', fetch, cache: false })
  let settled = false
  const read = tray.listServiceEnvironments('slack', 1).finally(() => {
    settled = true
  })
  await vi.runAllTimersAsync()
  // The retry's backoff is a fake timer: it ran only if the error path was there in time.
  expect(settled).toBe(true)
  expect(await read).toEqual([])
  expect(requests).toBe(2)
})

it("the root's client gets through a first validated call under fake timers", async () => {
  const operation = {
    name: 'send',
    title: 'Send',
    description: '',
    inputSchema: {
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
      additionalProperties: false,
    },
    outputSchema: {},
    hasDynamicOutput: false,
    hasLookups: false,
  }
  const fetch = async (url: RequestInfo | URL) =>
    String(url).endsWith('/operations')
      ? new Response(JSON.stringify({ elements: [operation] }), { status: 200 })
      : new Response(JSON.stringify({ outcome: 'success', output: { sent: true } }), {
          status: 200,
        })
  const tray = createTrayClient({ token: 'root-token-abcdefgh', fetch, cache: false })
  let settled = false
  const call = tray
    .callConnector('chat', '1.0', { operation: 'send', input: { text: 'hi' } })
    .finally(() => {
      settled = true
    })
  await vi.runAllTimersAsync()
  // The validator came with the root: the call did not wait for a first load of it.
  expect(settled).toBe(true)
  expect(await call).toEqual({ sent: true })
})
