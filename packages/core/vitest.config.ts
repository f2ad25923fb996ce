import { defineConfig } from 'vitest/config'

// Every test runs twice: in Node, and in an edge-runtime sandbox that has only web globals,
// so a Node-only import in core fails a test instead of a user's Worker.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node' } },
      { extends: true, test: { name: 'edge', environment: 'edge-runtime' } },
    ],
  },
})
