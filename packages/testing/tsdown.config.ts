import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/vitest.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  deps: {
    // The user's app and the mock share one Hono, one core and one vitest.
    neverBundle: [
      /^node:/,
      'hono',
      /^hono\//,
      '@hono/node-server',
      'vitest',
      '@traykit/core',
      'valibot',
    ],
  },
})
