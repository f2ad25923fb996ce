// @traykit/mcp: what an agent's tools/list costs (time and bytes) on the whole mock catalog in
// both modes and on a synthetic 700-connector catalog in discovery mode, and a tool call's
// overhead against the same call made directly with core (target <= 1.2). In process, with the
// SDK's own Client over its in-memory transport, on the built packages; medians of bounded,
// interleaved rounds.
import { bundleDist } from '../_lib/bundle-dist.mjs'
import { median } from '../_lib/median.mjs'

const ROUNDS = 30
const TOKEN = 'bench_token_3f9a1c7e5b2d4f6a8c0e'
const AUTH_ID = '00000000-0000-4000-8000-000000000001'

export default async function () {
  const { file, remove } = await bundleDist('mcp', {
    '@traykit/mcp': ['createTrayMcpServer'],
    '@traykit/core/client': ['createTrayClient'],
    '@traykit/core/server': ['createRedactor'],
    '@traykit/testing': ['createMockTray', 'defaultCatalog'],
    '@modelcontextprotocol/sdk/client/index.js': ['Client'],
    '@modelcontextprotocol/sdk/inMemory.js': ['InMemoryTransport'],
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

    // A call through MCP against the same call made with core, interleaved.
    const input = { channel: 'C01', text: 'bench' }
    const viaMcp = []
    const direct = []
    for (let i = 0; i < ROUNDS; i++) {
      let started = performance.now()
      await ops.tray.callConnector('slack', '9.1', {
        operation: 'send_message',
        input,
        authId: AUTH_ID,
      })
      direct.push(performance.now() - started)
      started = performance.now()
      const result = await ops.client.callTool({
        name: 'slack_9_1__send_message',
        arguments: input,
      })
      viaMcp.push(performance.now() - started)
      if (result.isError) throw new Error(`the MCP call failed: ${JSON.stringify(result)}`)
    }

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
        name: 'mcp: a tool call (slack send_message) through the SDK client, in process',
        unit: 'ms',
        value: median(viaMcp),
        baseline: { name: 'the same call with core', value: median(direct) },
        higherIsBetter: false,
        target: '<= 1.2',
      },
    ]
  } finally {
    await remove()
  }
}
