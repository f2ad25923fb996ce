import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.node.test.ts'],
    // Real redis-server and child processes on a busy CI machine: these bounds only catch
    // hangs, nothing here asserts on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
