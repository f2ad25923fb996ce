import { defineConfig } from 'tsdown'

const ENTRY = /[\\/]src[\\/]cli\.ts$/
const MOCK = /[\\/](testing|hono|@hono)[\\/]/
const SERVER = /[\\/](@hono[\\/]node-server|testing[\\/]src[\\/]node\.ts)/

// One bundled bin: its own code, citty, @traykit/core and the mock are inlined, so start-up
// resolves nothing in node_modules and installing it installs nothing else. Few, larger files,
// since each costs a resolve, a read and a compile: `start` (what `--help` needs), `commands`
// (every command and @traykit/core, loaded on first use), `mock` (Hono, loaded only for
// `--mock` and `traykit mock`) and `mock-server` (Node's HTTP server, for `traykit mock`).
export default defineConfig({
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
  deps: { onlyBundle: ['citty', 'valibot', '@cfworker/json-schema', 'hono', '@hono/node-server'] },
  outputOptions: {
    codeSplitting: {
      groups: [
        // The entry module stays alone in cli.cjs, the file the bin points at.
        { name: 'start', tags: ['$initial'], test: (id) => !ENTRY.test(id), priority: 4 },
        // Higher priority takes what groups share: core and valibot go with the commands,
        // the mock's own code with the mock, and only the HTTP server part to `mock-server`.
        { name: 'commands', test: (id) => !ENTRY.test(id) && !MOCK.test(id), priority: 3 },
        { name: 'mock', test: (id) => MOCK.test(id) && !SERVER.test(id), priority: 2 },
        { name: 'mock-server', test: (id) => SERVER.test(id), priority: 1 },
      ],
    },
  },
})
