import { fileURLToPath } from 'node:url'
import { EdgeVM } from '@edge-runtime/vm'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

// The package entry must run unchanged on Workers, Deno and Bun: bundled as for a browser or a
// worker (where a `node:` import cannot resolve) and run in an edge-runtime sandbox that has
// web globals only and refuses eval, it must still answer like Tray.

async function bundleEntry(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'traykitTesting',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser'],
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.text ?? ''
}

describe('@traykit/testing on a worker runtime', () => {
  it('bundles without Node and serves calls in a web-only sandbox', async () => {
    const code = await bundleEntry()
    const vm = new EdgeVM({
      initialCode: `${code}
        const mock = traykitTesting.createMockTray()
        addEventListener('fetch', (event) => event.respondWith(mock.app.fetch(event.request)))`,
    })
    const call = (input: object) =>
      vm.dispatchFetch('http://tray.test/core/v1/connectors/slack/versions/9.1/call', {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({ operation: 'send_message', input }),
      })
    const sent = await call({ channel: 'C1', text: 'from a worker' })
    expect(await sent.json()).toMatchObject({
      outcome: 'success',
      output: { message: { text: 'from a worker' } },
    })
    const invalid = await call({ text: 'no channel' })
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toMatchObject({
      message: expect.stringContaining('required key [channel]'),
    })
  })
})
