import { defineConfig } from 'tsdown'

const ENTRY = /[\\/]src[\\/]cli\.ts$/
const MOCK = /[\\/](testing|hono|@hono)[\\/]/
const SERVER = /[\\/](@hono[\\/]node-server|testing[\\/]src[\\/]node\.ts)/
// `traykit explore`'s server and the edge handler it runs: loaded only by that command.
const EXPLORE = /[\\/](src[\\/]explore[\\/]|edge[\\/]src[\\/])/
// `traykit mcp`: @traykit/mcp and the MCP SDK (with zod; not Ajv, see mcpWithoutInterop), loaded
// only by that command.
const MCP =
  /[\\/](mcp[\\/]src|@modelcontextprotocol|zod|ajv|ajv-formats|fast-deep-equal|fast-uri|json-schema-traverse|zod-to-json-schema)[\\/]/

// One bundled bin: its own code, citty, @traykit/core and the mock are inlined, so start-up
// resolves nothing in node_modules and installing it installs nothing else. Few, larger files,
// since each costs a resolve, a read and a compile: `start` (what `--help` needs), `commands`
// (every command and @traykit/core, loaded on first use), `mock` (Hono, loaded only for
// `--mock` and `traykit mock`), `mock-server` (Node's HTTP server, for `traykit mock`) and
// `explore` (the edge handler and the local server of `traykit explore`).
export default defineConfig([
  {
    entry: { cli: 'src/cli.ts' },
    // CommonJS: Node 20 starts a CommonJS main faster than an ES module one (no ESM loader), and
    // the lazy `import()`s become `require`s run on first use.
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    fixedExtension: true,
    dts: false,
    clean: true,
    banner: { js: '#!/usr/bin/env node' },
    // The published package has no runtime dependencies: these are all inside the bundle.
    deps: {
      onlyBundle: [
        'citty',
        'valibot',
        '@cfworker/json-schema',
        'hono',
        '@hono/node-server',
        '@modelcontextprotocol/sdk',
        'zod',
        'ajv',
        'ajv-formats',
        'fast-deep-equal',
        'fast-uri',
        'json-schema-traverse',
        'zod-to-json-schema',
      ],
    },
    plugins: [mcpWithoutInterop()],
    outputOptions: {
      codeSplitting: {
        groups: [
          // The entry module stays alone in cli.cjs, the file the bin points at.
          { name: 'start', tags: ['$initial'], test: (id) => !ENTRY.test(id), priority: 4 },
          // Higher priority takes what groups share: core and valibot go with the commands,
          // the mock's own code with the mock, and only the HTTP server part to `mock-server`.
          {
            name: 'commands',
            test: (id) => !ENTRY.test(id) && !MOCK.test(id) && !EXPLORE.test(id) && !MCP.test(id),
            priority: 3,
          },
          { name: 'mock', test: (id) => MOCK.test(id) && !SERVER.test(id), priority: 2 },
          // After the mock's group, which keeps Hono (the explorer uses that copy).
          { name: 'explore', test: (id) => EXPLORE.test(id), priority: 1.5 },
          { name: 'mock-server', test: (id) => SERVER.test(id), priority: 1 },
          { name: 'mcp', test: (id) => MCP.test(id), priority: 0.5 },
        ],
      },
    },
  },
  // The explorer's page, for the browser: one minified script with core inlined (no CDN, works
  // offline), which `traykit explore` reads from dist/explore/page.js and inlines in its HTML.
  {
    entry: { page: 'src/explore/page/main.ts' },
    outDir: 'dist/explore',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    dts: false,
    // The CLI's build above cleans dist once for both.
    clean: false,
    outputOptions: {
      codeSplitting: false,
      strictExecutionOrder: true,
      entryFileNames: '[name].js',
    },
  },
  // `@traykit/cli/generate`: `traykit generate types` as a function for build scripts (ESM with
  // types). json-schema-to-typescript stays a dependency, imported only when it generates.
  {
    entry: { generate: 'src/generate/index.ts' },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Declarations file by file (isolated declarations, its exports are typed explicitly): a
    // program of the whole CLI would make every build ten seconds slower.
    dts: { oxc: true },
    clean: false,
  },
])

/**
 * Keeps rolldown's runtime chunk out of `traykit --help`. When any module of the bundle needs
 * its ES-module interop helper (`__toESM`), rolldown 1.0.0-rc.17 gives every chunk that
 * requires a Node built-in a `require()` of the runtime chunk, start.cjs included (fixed
 * upstream in rolldown#10517). Two modules of the MCP SDK need it, and neither has to:
 * - `import process from 'node:process'` (the stdio transport) is served from the global;
 * - the SDK's default validator, on Ajv (CommonJS), is never made: `createTrayMcpServer`
 *   always passes `@cfworker/json-schema`'s. A stub stands in and throws if that ever changes.
 * cli.test.ts ("loads no command code for --help") fails when either comes back.
 */
function mcpWithoutInterop() {
  const processId = '\0traykit:node-process'
  const ajvProvider =
    /[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]validation[\\/]ajv-provider\.js$/
  return {
    name: 'traykit:mcp-without-interop',
    resolveId: (source: string) => (source === 'node:process' ? processId : undefined),
    load(id: string) {
      if (id === processId) return 'export default globalThis.process'
      if (ajvProvider.test(id)) {
        return `export class AjvJsonSchemaValidator {
  constructor() {
    throw new Error('traykit bundles no Ajv: pass jsonSchemaValidator to the MCP server')
  }
}`
      }
      return undefined
    },
  }
}
