import { dirname, join } from 'node:path'
import { createMockTray } from '@traykit/testing'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { bundle } from './_bundle'

const SERVER_LIMITS = { requestsPerSecond: 20, burst: 10, maxConcurrentCalls: 3 }
const mock = createMockTray({ limits: SERVER_LIMITS })
let inFlight = 0
let mostInFlight = 0
mock.handle('slack', 'send_message', async () => {
  inFlight += 1
  mostInFlight = Math.max(mostInFlight, inFlight)
  await new Promise((resolve) => setTimeout(resolve, 40))
  inFlight -= 1
  return { ok: true }
})

let miniflare: Miniflare
beforeAll(async () => {
  const scriptPath = await bundle(join(import.meta.dirname, '_limits-worker.ts'))
  const worker = {
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    compatibilityDate: '2025-09-01',
    // Miniflare hands over its own Request class: pass the mock a plain copy.
    outboundService: async (request: Request) =>
      mock.fetch(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: request.method === 'GET' ? undefined : await request.text(),
      }),
  }
  miniflare = new Miniflare({
    workers: [
      { ...worker, name: 'a', durableObjects: { TRAY_LIMITER: 'TrayLimiter' } },
      {
        ...worker,
        name: 'b',
        durableObjects: { TRAY_LIMITER: { className: 'TrayLimiter', scriptName: 'a' } },
      },
    ],
  })
  await miniflare.ready
})
afterAll(() => miniflare?.dispose())

it("keeps two Workers on one TrayLimiter within one account's limits: no 429, all served", async () => {
  /** A Worker as the test reaches it (miniflare's own Fetcher type, narrowed to what is used). */
  type Worker = { fetch(url: string, init?: RequestInit): Promise<{ status: number }> }
  const workers = [
    (await miniflare.getWorker('a')) as unknown as Worker,
    (await miniflare.getWorker('b')) as unknown as Worker,
  ]
  const call = (worker: Worker) =>
    worker
      .fetch('http://edge.test/tray/core/v1/connectors/slack/versions/9.1/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ operation: 'send_message', input: { channel: 'C1', text: 'hi' } }),
      })
      .then((r) => r.status)
  const reads = async (worker: Worker) => {
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) {
      statuses.push((await worker.fetch('http://edge.test/tray/core/v1/connectors')).status)
    }
    return statuses
  }
  // Each Worker alone asks for more than the account allows: reads back to back and 10 calls
  // at once (3 slots).
  const statuses = (
    await Promise.all(
      workers.flatMap((worker) => [
        reads(worker),
        ...Array.from({ length: 10 }, () => call(worker).then((s) => [s])),
      ]),
    )
  ).flat()

  expect(statuses.filter((s) => s !== 200)).toEqual([])
  expect(statuses).toHaveLength(2 * (25 + 10))
  expect(mock.calls.filter((r) => r.status === 429)).toEqual([])
  // Every call, and every read, reached the mock (the handler also reads the operations it checks calls against).
  expect(mock.calls.filter((r) => r.route === 'call')).toHaveLength(20)
  expect(mock.calls.filter((r) => r.route === 'connectors')).toHaveLength(50)
  expect(mock.tasks).toBe(20)
  expect(mostInFlight).toBe(SERVER_LIMITS.maxConcurrentCalls)
})
