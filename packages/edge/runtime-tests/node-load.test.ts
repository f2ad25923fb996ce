import autocannon from 'autocannon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatLoadReport, LOAD_KINDS, runLoadMix } from './_load-mix'
import { type NodeTarget, startNodeTarget } from './_node-target'

/** Bounded in count, so that every call's answer is in before the counts are compared. */
const CONNECTIONS = 32
const AMOUNT = 4_800
const MiB = 1024 * 1024

describe('the built handler on Node under load', () => {
  let target: NodeTarget

  beforeAll(async () => {
    target = await startNodeTarget('node-load')
  })
  afterAll(async () => {
    await target?.stop()
  })

  it(`answers ${AMOUNT} mixed requests on ${CONNECTIONS} connections, each as its kind expects`, async () => {
    // Warm-up: caches filled and code compiled, so that what follows measures a steady state.
    await runLoadMix(autocannon, { url: target.url, connections: 8, amount: 600 })
    target.mock.reset()
    const before = await target.memory()

    const report = await runLoadMix(autocannon, {
      url: target.url,
      connections: CONNECTIONS,
      amount: AMOUNT,
    })
    const after = await target.memory()
    const growth = {
      heapUsed: (after.heapUsed - before.heapUsed) / MiB,
      rss: (after.rss - before.rss) / MiB,
    }
    console.log(
      `${formatLoadReport(report, 'edge on Node')}\n` +
        `  memory after GC: heap ${(before.heapUsed / MiB).toFixed(1)} → ${(after.heapUsed / MiB).toFixed(1)} MiB ` +
        `(${growth.heapUsed.toFixed(1)}), rss ${(before.rss / MiB).toFixed(1)} → ${(after.rss / MiB).toFixed(1)} MiB (${growth.rss.toFixed(1)})`,
    )

    expect(report.errors).toBe(0)
    expect(report.timeouts).toBe(0)
    expect(report.samples).toEqual([])
    expect(report.unexpected).toBe(0)
    expect(report.answers).toBe(AMOUNT)
    for (const kind of LOAD_KINDS) expect(report.byKind[kind.name], kind.name).not.toEqual({})

    // Every valid call reached Tray once and was billed; nothing refused reached it at all.
    const validCalls = report.byKind['valid call']?.['200'] ?? 0
    expect(target.mock.tasks).toBe(validCalls)
    expect(target.mock.calls.filter((call) => call.route === 'call')).toHaveLength(validCalls)
    // Generous against noise, yet a leak of 3 KB a request would fail it.
    expect(growth.heapUsed).toBeLessThan(16)
  })
})
