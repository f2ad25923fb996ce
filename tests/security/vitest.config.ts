import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    // The scan drives the built CLI in subprocesses on a shared, busy CI machine: these bounds
    // only catch hangs, nothing here asserts on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
