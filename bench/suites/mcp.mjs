// @traykit/mcp: what an agent's tools/list costs (time and bytes) on the whole mock catalog in
// both modes and on a synthetic 700-connector catalog in discovery mode, and a tool call's
// overhead against the same call made directly with core. On the built packages; medians of
// bounded, interleaved rounds after a warm-up.
//
// The tool call is measured twice, because the two sides of a fair comparison must cross the
// same transport:
// - in process, the SDK's own Client over its in-memory transport against core calling the
//   in-process mock: the baseline has no transport at all, so the ratio is what the SDK's
//   JSON-RPC layer (and our tool lookup) adds to a call, not a target;
// - over HTTP on Node, the target (<= 1.2): the MCP tool call over Streamable HTTP
//   (createTrayMcpHandler) against the same core call through the edge handler
//   (createTrayHandler), both served by one child process on 127.0.0.1, both in front of the
//   same in-process mock Tray.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundleDist } from '../_lib/bundle-dist.mjs'
import { median } from '../_lib/median.mjs'
import { serveApp } from '../_lib/serve-app.mjs'
import { announcePorts, childServers } from '../_lib/start-server.mjs'

const here = fileURLToPath(import.meta.url)
const ROUNDS = 30
const TOKEN = 'bench_token_3f9a1c7e5b2d4f6a8c0e'
const AUTH_ID = '00000000-0000-4000-8000-000000000001'
/** Tool calls: untimed ones first (JIT, caches), then rounds of timed ones, interleaved. */
const CALL_WARMUP = 200
const CALL_ROUNDS = 10
const CALLS_PER_ROUND = 40
/** Whatever the machine, the calls of one row stop after this long. */
const CALL_BUDGET_MS = 20_000
const INPUT = { channel: 'C01', text: 'bench' }

if (process.argv[1] === here) await runServers(process.argv[2])

export default async function () {
  const children = childServers()
  const { file, remove } = await bundleDist('mcp', {
    '@traykit/mcp': ['createTrayMcpServer'],
    '@traykit/mcp/http': ['createTrayMcpHandler'],
    '@traykit/edge': ['createTrayHandler'],
    '@traykit/core/client': ['createTrayClient'],
    '@traykit/core/server': ['createRedactor'],
    '@traykit/testing': ['createMockTray', 'defaultCatalog'],
    '@modelcontextprotocol/sdk/client/index.js': ['Client'],
    '@modelcontextprotocol/sdk/client/streamableHttp.js': ['StreamableHTTPClientTransport'],
    '@modelcontextprotocol/sdk/inMemory.js': ['InMemoryTransport'],
    '@hono/node-server': ['serve'],
  })
  try {
    const m = await import(file)
    const open = async (options, catalog) => {
      const mock = m.createMockTray({
        catalog,
        tokens: [TOKEN],
        authentications: [{ id: AUTH_ID, name: 'bench', serviceEnvironmentId: 'env' }],
      })
      const tray = m.createTrayClient({
        token: TOKEN,
        baseUrl: 'http://tray.test',
        fetch: mock.fetch,
        limits: false,
      })
      const server = m.createTrayMcpServer({
        tray,
        redact: m.createRedactor(TOKEN),
        authId: AUTH_ID,
        ...options,
      })
      const [a, b] = m.InMemoryTransport.createLinkedPair()
      const client = new m.Client({ name: 'bench', version: '1' })
      await Promise.all([server.connect(b), client.connect(a)])
      return { client, tray, mock }
    }
    const all = () => true
    const timeList = async (client) => {
      const times = []
      let bytes = 0
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now()
        const list = await client.listTools()
        times.push(performance.now() - started)
        bytes = JSON.stringify(list).length
      }
      return { ms: median(times), bytes, tools: (await client.listTools()).tools.length }
    }

    const ops = await open({ allow: all })
    const operations = await timeList(ops.client)
    const disc = await open({ allow: all, mode: 'discovery' })
    const discovery = await timeList(disc.client)
    // The catalog itself, read with core: what listing it costs without MCP.
    const readCatalog = async (tray) => {
      const connectors = await tray.listConnectors()
      return Promise.all(connectors.map((c) => tray.listOperations(c.name, c.version)))
    }
    const catalogTimes = []
    let catalogBytes = 0
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now()
      catalogBytes = JSON.stringify(await readCatalog(ops.tray)).length
      catalogTimes.push(performance.now() - started)
    }

    // 700 connectors: copies of the default catalog's under other names.
    const copies = []
    for (let i = 0; copies.length < 700; i++) {
      for (const connector of m.defaultCatalog.connectors) {
        if (copies.length < 700) copies.push({ ...connector, name: `${connector.name}-${i}` })
      }
    }
    const big = await open(
      { allow: all, mode: 'discovery' },
      { connectors: copies, services: m.defaultCatalog.services },
    )
    const bigList = await timeList(big.client)
    const searchTimes = []
    for (let i = 0; i < 10; i++) {
      const started = performance.now()
      await big.client.callTool({
        name: 'tray_search_operations',
        arguments: { query: 'slack-42 send message' },
      })
      searchTimes.push(performance.now() - started)
    }

    // A call through MCP against the same call made with core: in process, then over HTTP.
    const inProcess = await compareCalls({
      core: () => ops.tray.callConnector('slack', '9.1', coreCall),
      mcp: () => ops.client.callTool(toolCall).then(throwIfToolError),
    })
    // The same tool call on 700 connectors with a predicate (every connector may be allowed):
    // what finding the tool costs when the catalog is large, against the mock catalog's.
    const bigOps = await open(
      { allow: all },
      { connectors: copies, services: m.defaultCatalog.services },
    )
    const bigCall = { name: 'slack-0_9_1__send_message', arguments: INPUT }
    const onBig = await compareCalls({
      core: () => ops.client.callTool(toolCall).then(throwIfToolError),
      mcp: () => bigOps.client.callTool(bigCall).then(throwIfToolError),
    })
    const servers = await children.start(here, [file], 'the MCP and edge handlers')
    const agent = new m.Client({ name: 'bench', version: '1' })
    await agent.connect(
      new m.StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${servers.mcp}/mcp`)),
    )
    // The browser's side of the edge: core pointed at the handler, with a session, not the token.
    const browser = m.createTrayClient({
      token: 'bench-session',
      baseUrl: `http://127.0.0.1:${servers.edge}`,
      limits: false,
    })
    const overHttp = await compareCalls({
      core: () => browser.callConnector('slack', '9.1', coreCall),
      mcp: () => agent.callTool(toolCall).then(throwIfToolError),
    })
    await agent.close()

    return [
      {
        name: `mcp: tools/list, mock catalog, operations mode (${operations.tools} tools, ${operations.bytes} bytes)`,
        unit: 'ms',
        value: operations.ms,
        baseline: {
          name: `core reads the catalog (${catalogBytes} bytes)`,
          value: median(catalogTimes),
        },
        higherIsBetter: false,
      },
      {
        name: `mcp: tools/list, mock catalog, discovery mode (${discovery.tools} tools, ${discovery.bytes} bytes)`,
        unit: 'ms',
        value: discovery.ms,
        baseline: { name: 'operations mode', value: operations.ms },
        higherIsBetter: false,
      },
      {
        name: `mcp: tools/list, 700 connectors, discovery mode (${bigList.tools} tools, ${bigList.bytes} bytes)`,
        unit: 'ms',
        value: bigList.ms,
        baseline: { name: 'the mock catalog, discovery mode', value: discovery.ms },
        higherIsBetter: false,
      },
      {
        name: 'mcp: tray_search_operations, 700 connectors',
        unit: 'ms',
        value: median(searchTimes),
        baseline: { name: 'tools/list, 700 connectors, discovery', value: bigList.ms },
        higherIsBetter: false,
      },
      {
        name: 'mcp: a tool call (slack send_message), SDK Client over Streamable HTTP to createTrayMcpHandler, Node',
        unit: 'ms',
        value: overHttp.mcp,
        baseline: {
          name: 'the same call, core over HTTP to createTrayHandler (same process, same mock)',
          value: overHttp.core,
        },
        higherIsBetter: false,
        target: '<= 1.2',
        spread: overHttp.spread,
      },
      {
        // No target: the baseline crosses no transport at all, so this is the SDK's overhead.
        name: 'mcp: a tool call (slack send_message), in process: SDK overhead (in-memory transport, JSON-RPC)',
        unit: 'ms',
        value: inProcess.mcp,
        baseline: { name: 'the same call with core, no transport', value: inProcess.core },
        higherIsBetter: false,
        spread: inProcess.spread,
      },
      {
        name: 'mcp: a tool call, 700 connectors, allow predicate, in process',
        unit: 'ms',
        value: onBig.mcp,
        baseline: { name: 'the same call on the mock catalog (6 connectors)', value: onBig.core },
        higherIsBetter: false,
        spread: onBig.spread,
      },
    ]
  } finally {
    children.stop()
    await remove()
  }
}

const coreCall = { operation: 'send_message', input: INPUT, authId: AUTH_ID }
const toolCall = { name: 'slack_9_1__send_message', arguments: INPUT }

function throwIfToolError(result) {
  if (result.isError) throw new Error(`the MCP call failed: ${JSON.stringify(result)}`)
  return result
}

/**
 * Times `core` and `mcp` calls: a warm-up of each, then rounds of both in turns (core, mcp,
 * mcp, core, …). Gives the median of every timed call per side and the range of the rounds'
 * own ratios of medians.
 */
async function compareCalls({ core, mcp }) {
  for (let i = 0; i < CALL_WARMUP; i++) {
    await core()
    await mcp()
  }
  const stopAt = performance.now() + CALL_BUDGET_MS
  const times = { core: [], mcp: [] }
  const ratios = []
  for (let round = 0; round < CALL_ROUNDS && performance.now() < stopAt; round++) {
    const own = { core: [], mcp: [] }
    for (let i = 0; i < CALLS_PER_ROUND; i++) {
      for (const side of i % 2 === 0 ? ['core', 'mcp'] : ['mcp', 'core']) {
        const started = performance.now()
        await (side === 'core' ? core() : mcp())
        own[side].push(performance.now() - started)
      }
    }
    times.core.push(...own.core)
    times.mcp.push(...own.mcp)
    ratios.push(median(own.mcp) / median(own.core))
  }
  return {
    core: median(times.core),
    mcp: median(times.mcp),
    spread: { min: Math.min(...ratios), max: Math.max(...ratios) },
  }
}

/**
 * Server mode: the MCP handler and the edge handler, each on its own port of this process, in
 * front of one in-process mock Tray, so both sides of the HTTP row cross the same transport to
 * the same upstream.
 */
async function runServers(bundle) {
  const { createTrayMcpHandler, createTrayHandler, createMockTray, serve } = await import(
    pathToFileURL(bundle).href
  )
  const mock = createMockTray({
    tokens: [TOKEN],
    authentications: [{ id: AUTH_ID, name: 'bench', serviceEnvironmentId: 'env' }],
  })
  const upstream = { token: TOKEN, baseUrl: 'http://tray.test', fetch: mock.fetch, limits: false }
  const allow = { slack: ['send_message'] }
  const mcp = createTrayMcpHandler({ ...upstream, public: true, allow, authId: AUTH_ID })
  const edge = createTrayHandler({ ...upstream, public: true, allow })
  const [a, b] = await Promise.all([mcp, edge].map((app) => serveApp(serve, app)))
  announcePorts({ mcp: a.port, edge: b.port })
}
