import { join } from 'node:path'
import { bundle } from './_bundle'
import { describeRuntime } from './_scenario'
import { BUN, spawnServer } from './_spawn-server'

describeRuntime('Bun', async () => {
  const script = await bundle(join(import.meta.dirname, '_bun.ts'))
  const server = await spawnServer(BUN, ['run', script])
  return {
    url: server.url,
    fetch: globalThis.fetch,
    stop: async () => {
      await server.stop()
    },
  }
})
