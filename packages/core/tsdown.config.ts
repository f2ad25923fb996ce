import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/users.ts', 'src/redis.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  unbundle: true,
})
