import { defineConfig } from 'tsdown'

// hono (a peer dependency, with its subpaths) and @traykit/core stay external: tsdown leaves
// every dependency and peer dependency out of the bundle.
export default defineConfig({
  entry: ['src/index.ts', 'src/cloudflare.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
})
