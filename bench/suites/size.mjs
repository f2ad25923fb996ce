// Bundle size of @traykit/core as a Worker would ship it: esbuild, minified, neutral platform,
// worker/browser conditions, gzip. The baseline is the size budget each issue set.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const core = join(dirname(fileURLToPath(import.meta.url)), '../../packages/core')

async function gzipSize(contents) {
  const result = await build({
    stdin: { contents, resolveDir: core, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser', 'import'],
    treeShaking: true,
    logLevel: 'silent',
  })
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length / 1024
}

export default async function () {
  const client = await gzipSize(`export { createTrayClient } from './dist/index.js'`)
  const withValidation = await gzipSize(
    `export { createTrayClient, validateInput } from './dist/index.js'`,
  )
  return [
    {
      name: 'core: createTrayClient, worker bundle (gzip)',
      unit: 'KiB',
      value: client,
      baseline: { name: 'budget', value: 10 },
      higherIsBetter: false,
      target: '<= 1',
    },
    {
      name: 'core: createTrayClient + validateInput, worker bundle (gzip)',
      unit: 'KiB',
      value: withValidation,
      baseline: { name: 'budget', value: 20 },
      higherIsBetter: false,
      target: '<= 1',
    },
  ]
}
