import { defineConfig } from 'vitest/config'

// The mock must run unchanged on Workers, Deno and Bun. Every test that does not need Node
// also runs with web globals only (edge-runtime); src/index.node.test.ts bundles the entry as
// for a worker, so a `node:` import anywhere behind it fails. src/node.test.ts and files named
// *.node.test.ts need Node.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          exclude: ['src/node.test.ts', '**/*.node.test.ts', '**/node_modules/**'],
        },
      },
    ],
  },
})
