import { dirname, join } from 'node:path'
import { createTrayClient, TrayAuthenticationError, TrayPermissionError } from '@traykit/core'
import { createMockTray, type MockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import { sign } from 'hono/jwt'
import {
  Miniflare,
  type Request as MiniflareRequest,
  Response as MiniflareResponse,
} from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundle } from './_bundle'
import { serverFixture, workerdFixture } from './_running-fixture'
import { DENO, spawnServer } from './_spawn-server'

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples')
const TRAY_TOKEN = 'tray-example-Vb3nQ8sLp2'
const SESSION_SECRET = 'session-secret-for-tests'

interface RunningExample {
  url: string
  fetch: typeof fetch
  stop(): Promise<void>
}

/** What each example must do: refuse strangers, serve a signed-in browser, allow only its list. */
function describeExample(name: string, start: (mock: MockTray) => Promise<RunningExample>) {
  describe(`examples/${name}`, () => {
    const mock = createMockTray({ tokens: [TRAY_TOKEN] })
    let example: RunningExample

    beforeAll(async () => {
      example = await start(mock)
    })
    afterAll(async () => {
      await example?.stop()
    })

    const client = async (signedIn: boolean) =>
      createTrayClient({
        baseUrl: `${example.url}/tray`,
        fetch: example.fetch,
        token: signedIn ? await sign({ sub: 'user-1' }, SESSION_SECRET, 'HS256') : null,
        maxRetries: 0,
      })

    it('refuses a browser without a session', async () => {
      await expect((await client(false)).listConnectors()).rejects.toBeInstanceOf(
        TrayAuthenticationError,
      )
      expect(mock.calls).toEqual([])
    })

    it('serves a signed-in browser, and calls only what it allows', async () => {
      const tray = await client(true)
      expect(await tray.listConnectors()).toContainEqual(expect.objectContaining({ name: 'slack' }))
      await tray.callConnector('slack', '9.1', {
        operation: 'send_message',
        input: { channel: 'C0123', text: 'Hello from an example' },
      })
      // validate: false, so the refusal comes from the example's server, not the browser's client.
      await expect(
        tray.callConnector(
          'shopify',
          '4.1',
          { operation: 'get_order', input: {} },
          { validate: false },
        ),
      ).rejects.toBeInstanceOf(TrayPermissionError)
      expect(mock.tasks).toBe(1)
    })
  })
}

describeExample('edge-worker (workerd)', async (mock) => {
  const scriptPath = await bundle(join(EXAMPLES, 'edge-worker', 'src', 'index.ts'), {
    name: 'example-edge-worker',
  })
  const miniflare = new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    compatibilityDate: '2025-09-01',
    bindings: { TRAY_TOKEN, SESSION_SECRET },
    // The example talks to Tray's US host: here that host is the mock, and no other is reachable.
    outboundService: async (request: MiniflareRequest) => {
      if (new URL(request.url).host !== 'api.tray.io') {
        return new MiniflareResponse('only api.tray.io is reachable in this test', { status: 502 })
      }
      const answer = await mock.fetch(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: request.method === 'GET' ? undefined : await request.text(),
      })
      return new MiniflareResponse(await answer.text(), {
        status: answer.status,
        headers: Object.fromEntries(answer.headers),
      })
    },
  })
  return workerdFixture(miniflare, 'http://example.test')
})

describeExample('edge-deno', async (mock) => {
  const upstream = await listen(mock)
  const server = await spawnServer(
    DENO,
    [
      'run',
      '--sloppy-imports',
      '--allow-net',
      '--allow-env',
      '--allow-read',
      '--no-prompt',
      'main.ts',
    ],
    {
      cwd: join(EXAMPLES, 'edge-deno'),
      env: {
        TRAY_TOKEN,
        SESSION_SECRET,
        TRAY_API_URL: upstream.url,
        PORT: '0',
        DENO_NO_UPDATE_CHECK: '1',
      },
    },
  )
  return serverFixture(server, upstream)
})

describeExample('edge-node', async (mock) => {
  const upstream = await listen(mock)
  // The example's own build: one esbuild bundle for Node.
  const script = await bundle(join(EXAMPLES, 'edge-node', 'main.ts'), {
    name: 'example-edge-node',
    platform: 'node',
  })
  const server = await spawnServer(process.execPath, [script], {
    env: { TRAY_TOKEN, SESSION_SECRET, TRAY_API_URL: upstream.url, PORT: '0' },
  })
  return serverFixture(server, upstream)
})
