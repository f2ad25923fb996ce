import { join } from 'node:path'
import { expect, it } from 'vitest'
import { bundle } from './_bundle'
import { serverFixture } from './_running-fixture'
import { describeRuntime } from './_scenario'
import { DENO, spawnServer } from './_spawn-server'

describeRuntime(
  'Deno',
  async () => {
    const script = await bundle(join(import.meta.dirname, '_deno.ts'))
    const server = await spawnServer(
      DENO,
      ['run', '--allow-net=127.0.0.1', '--no-prompt', script],
      {
        env: { DENO_NO_UPDATE_CHECK: '1' },
      },
    )
    return serverFixture(server)
  },
  (fixture) => {
    it('writes and reads back catalog entries through the Cache API', async () => {
      const response = await fixture().fetch(`${fixture().url}/__stores`)
      expect(await response.json()).toEqual({ cacheApi: [{ name: 'slack', version: '9.1' }] })
    })
  },
)
