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
