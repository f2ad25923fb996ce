import { join } from 'node:path'
import { bundle } from './_bundle'
import { serverFixture } from './_running-fixture'
import { describeRuntime } from './_scenario'
import { BUN, spawnServer } from './_spawn-server'

describeRuntime('Bun', async () => {
  const script = await bundle(join(import.meta.dirname, '_bun.ts'))
  const server = await spawnServer(BUN, ['run', script])
  return serverFixture(server)
})
