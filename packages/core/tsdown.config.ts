import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/client.ts',
    'src/validate.ts',
    'src/lookups.ts',
    'src/admin.ts',
    'src/forms.ts',
    'src/users.ts',
    'src/redis.ts',
    'src/server.ts',
  ],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  unbundle: true,
})
