import { defineConfig } from 'vitest/config'

// Every test runs twice: in Node, and in an edge-runtime sandbox that has only web globals,
// so a Node-only global in core fails a test instead of a user's Worker. `*.node.test.ts`
// files inspect the source tree and run in Node only.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          exclude: ['**/node_modules/**', '**/*.node.test.ts'],
        },
      },
    ],
  },
})
