import { dirname, join } from 'node:path'
import { Miniflare } from 'miniflare'
import { expect, it } from 'vitest'
import { bundle } from './_bundle'
import { workerdFixture } from './_running-fixture'
import { describeRuntime } from './_scenario'

describeRuntime(
  'workerd (miniflare)',
  async () => {
    const scriptPath = await bundle(join(import.meta.dirname, '_worker.ts'))
    const miniflare = new Miniflare({
      modules: true,
      scriptPath,
      // Module names are paths relative to this root; the bundle lives in a temp folder.
      modulesRoot: dirname(scriptPath),
      compatibilityDate: '2025-09-01',
      kvNamespaces: ['CATALOG'],
    })
    return workerdFixture(miniflare, 'http://edge.test')
  },
  (fixture) => {
    it('writes and reads back catalog entries through the Cache API and KV', async () => {
      const response = await fixture().fetch(`${fixture().url}/__stores`)
      expect(await response.json()).toEqual({
        cacheApi: [{ name: 'slack', version: '9.1' }],
        kv: [{ name: 'slack', version: '9.1' }],
      })
    })
  },
)
