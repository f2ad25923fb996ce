// Runs the docs' blocks (transpiled to JavaScript) inside the consumer project, so their imports
// resolve to the installed tarballs. Each block gets a fresh mock Tray behind the global fetch:
// a block written for production talks to api.tray.io (or api.eu1 / api.ap1) and reaches the
// mock instead. https://app.example.com/tray, the browser's URL in the edge README, is an edge
// handler in front of that mock. What a block serves is then exercised: an exported app
// (`export default app`), a handler given to `Deno.serve` / `Bun.serve` (stand-ins that keep
// it), or a Node server whose address the block logs. A block that writes a file (`writes`) runs
// in a fresh folder of its own, and must have written it there.
// Usage: node runner.mjs manifest.json; prints one JSON line per block.
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { inspect } from 'node:util'
import { createTrayHandler } from '@traykit/edge'
import { createMockTray } from '@traykit/testing'
import { Hono } from 'hono'
import { sign } from 'hono/jwt'

const TOKEN = 'docs-test-token'
const SESSION_SECRET = 'docs-test-session-secret'
/** The authentications the docs name, known to every mock. */
const AUTH_IDS = ['fe6ce53d-b414-4f24-b0d5-16a0a75544a0', '00000000-0000-4000-8000-000000000001']
const BLOCK_TIMEOUT_MS = 30_000

process.env.TRAY_TOKEN = TOKEN
process.env.SESSION_SECRET = SESSION_SECRET
process.env.PORT = '0' // a server a block starts takes any free port
// biome-ignore lint/suspicious/noUndeclaredEnvVars: the examples read it; unset, they talk to api.tray.io
delete process.env.TRAY_API_URL

let mock
const realFetch = globalThis.fetch
// The Connectors API hosts (api.…) and the GraphQL API of end users (tray.io, eu1.…, ap1.…).
const trayHost = /^(api\.)?((eu1|ap1)\.)?tray\.io$/
let browserBackend
globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  if (trayHost.test(url.hostname)) return mock.fetch(input, init)
  if (url.hostname === 'app.example.com') {
    browserBackend ??= new Hono().route(
      '/tray',
      createTrayHandler({ token: TOKEN, public: true, allow: () => true }),
    )
    return browserBackend.fetch(new Request(input, init))
  }
  return realFetch(input, init)
}

// Stand-ins for the runtimes' serve functions: they keep the handler for the probe below.
let served = []
globalThis.Deno = {
  env: { get: (name) => process.env[name] },
  serve: (a, b) => {
    served.push(typeof a === 'function' ? a : typeof b === 'function' ? b : a.handler)
    return { finished: Promise.resolve(), shutdown: async () => {} }
  },
}
globalThis.Bun = {
  env: process.env,
  serve: (options) => {
    served.push(options.fetch)
    return { stop: () => {} }
  },
}
// Node 20 has no Cache API; Deno's `caches.open(name)` gets an in-memory one.
if (!globalThis.caches) {
  const open = new Map()
  const cache = () => {
    const entries = new Map()
    const key = (request) => (request instanceof Request ? request.url : String(request))
    return {
      match: async (request) => entries.get(key(request))?.clone(),
      put: async (request, response) => void entries.set(key(request), response.clone()),
      delete: async (request) => entries.delete(key(request)),
    }
  }
  globalThis.caches = {
    open: async (name) => open.get(name) ?? open.set(name, cache()).get(name),
  }
}

/** Reads the catalog and sends one call through what a block serves. */
async function probe(send, label) {
  const jwt = await sign(
    { sub: 'docs-test', exp: Math.floor(Date.now() / 1000) + 600 },
    SESSION_SECRET,
    'HS256',
  )
  const headers = { authorization: `Bearer ${jwt}` }
  for (const prefix of ['', '/tray', '/mock']) {
    const list = await send(
      new Request(`http://localhost${prefix}/core/v1/connectors`, { headers }),
    )
    if (list.status === 404) continue
    const body = await list.text()
    if (list.status !== 200 || !Array.isArray(JSON.parse(body).elements))
      throw new Error(
        `${label}: GET ${prefix}/core/v1/connectors answered ${list.status} ${body.slice(0, 300)}`,
      )
    const call = await send(
      new Request(`http://localhost${prefix}/core/v1/connectors/slack/versions/9.1/call`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          operation: 'send_message',
          input: { channel: 'C0000GENERAL', text: 'from the docs test' },
        }),
      }),
    )
    const answer = await call.text()
    if (call.status !== 200 || JSON.parse(answer).outcome !== 'success')
      throw new Error(
        `${label}: POST ${prefix}/…/slack/versions/9.1/call answered ${call.status} ${answer.slice(0, 300)}`,
      )
    return `${label} served ${prefix || '/'}`
  }
  throw new Error(`${label}: no /core/v1/connectors route answered (tried /, /tray, /mock)`)
}

const withTimeout = (promise, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not finish within ${BLOCK_TIMEOUT_MS / 1000} s`)),
        BLOCK_TIMEOUT_MS,
      ).unref(),
    ),
  ])

let unhandled = []
process.on('unhandledRejection', (reason) => unhandled.push(reason))

const output = []
const errors = []
const format = (args) =>
  args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 4 }))).join(' ')
const quiet = (...args) => output.push(format(args))
// A block prints to stderr only when what it shows went wrong (the quick start's catch).
const loud = (...args) => {
  errors.push(format(args))
  output.push(`stderr: ${format(args)}`)
}
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug']
const originalConsole = Object.fromEntries(consoleMethods.map((m) => [m, console[m]]))

const describe = (error) =>
  error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${JSON.stringify(error)}`

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const home = process.cwd()
for (const block of manifest) {
  mock = createMockTray({
    authentications: AUTH_IDS.map((id) => ({
      id,
      name: 'docs-test user',
      serviceEnvironmentId: '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1',
    })),
  })
  browserBackend = undefined
  served = []
  unhandled = []
  output.length = 0
  errors.length = 0
  for (const m of consoleMethods) console[m] = m === 'error' ? loud : quiet
  const notes = []
  let error
  try {
    if (block.cwd) {
      // The folders of the path exist, as in a project (`src/` for `src/tray-types.ts`).
      mkdirSync(dirname(join(block.cwd, block.writes)), { recursive: true })
      process.chdir(block.cwd)
    }
    let module
    try {
      module = await withTimeout(import(pathToFileURL(block.js).href), 'the block')
      if (block.throws) throw new Error(`expected it to throw ${block.throws}; it did not`)
    } catch (thrown) {
      if (!block.throws || !(thrown instanceof Error) || thrown.name !== block.throws) throw thrown
      notes.push(`threw ${thrown.name} as documented`)
    }
    const app = module?.default
    if (app && typeof app.fetch === 'function')
      notes.push(
        await withTimeout(
          probe((r) => app.fetch(r, { TRAY_TOKEN: TOKEN, SESSION_SECRET }), 'export default'),
          'the probe',
        ),
      )
    for (const handler of served)
      notes.push(
        await withTimeout(
          probe((r) => handler(r), 'a served handler'),
          'the probe',
        ),
      )
    // A Node server announces its address once it listens.
    for (
      let waited = 0;
      block.listens && waited < 5000 && !/http:\/\/127\.0\.0\.1:\d+/.test(output.join('\n'));
      waited += 50
    )
      await new Promise((resolve) => setTimeout(resolve, 50))
    if (block.listens && !/http:\/\/127\.0\.0\.1:\d+/.test(output.join('\n')))
      throw new Error('it serves on Node but logged no http://127.0.0.1:<port> address within 5 s')
    for (const url of new Set(output.join('\n').match(/http:\/\/127\.0\.0\.1:\d+/g) ?? []))
      notes.push(
        await withTimeout(
          probe((r) => realFetch(new Request(new URL(new URL(r.url).pathname, url), r)), url),
          'the probe',
        ),
      )
    await new Promise((resolve) => setTimeout(resolve, 10))
    if (unhandled.length) throw unhandled[0]
    if (block.writes) {
      if (!existsSync(join(block.cwd, block.writes)))
        throw new Error(`it did not write ${block.writes}`)
      notes.push(`wrote ${block.writes}`)
    }
    if (errors.length) throw new Error(`it wrote to console.error: ${errors[0].slice(0, 500)}`)
    // Tray (the mock) refused nothing the block sent, unless the block shows a refusal.
    const refused = mock.calls.find((call) => call.status >= 400)
    if (refused && !block.throws)
      throw new Error(
        `the mock answered ${refused.status} to ${refused.method} ${refused.path}${refused.outcome ? ` (outcome ${refused.outcome})` : ''}`,
      )
    const failedCall = mock.calls.find((call) => call.outcome === 'error')
    if (failedCall && !block.throws)
      throw new Error(`${failedCall.connector} ${failedCall.operation} answered outcome "error"`)
  } catch (thrown) {
    error = describe(thrown)
  }
  for (const m of consoleMethods) console[m] = originalConsole[m]
  process.chdir(home)
  process.stdout.write(
    `${JSON.stringify({ id: block.id, ok: !error, error, notes, output: output.join('\n').slice(0, 2000) })}\n`,
  )
}
// A block may have started a server; the run is over.
process.exit(0)
