import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'runtime-tests/**/*.test.ts'],
    // The real-runtime suites start workerd, Deno and Bun: give them room on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
