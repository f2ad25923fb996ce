import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    // The subprocess tests drive dist/cli.js: build it once before any test file runs.
    globalSetup: ['./src/__fixtures__/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
