import { defineConfig } from 'tsdown'

// The MCP SDK, hono and @traykit/core stay external (dependencies and peers).
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
})
