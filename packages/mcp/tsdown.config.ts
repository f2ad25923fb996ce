import { defineConfig } from 'tsdown'

// The MCP SDK, hono, @hono/mcp and @traykit/core stay external (dependencies and peers).
// `http` is its own entry, so the stdio server never loads hono or @hono/mcp.
export default defineConfig({
  entry: ['src/index.ts', 'src/http.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
})
