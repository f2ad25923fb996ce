// Bundle size of @traykit/core as users ship it, gzip (level 9) of minified output, built from
// the published dist. Two ways:
// - a Worker: esbuild, one file, neutral platform, worker/browser conditions (the issue's
//   measure): the validator that `callConnector` loads lazily is inlined, so it counts;
// - a browser app: rolldown (Vite's bundler) with code splitting: the entry chunk is what the
//   page loads first; the validator chunk loads on the first validated call.
// The baseline is the size budget each issue set.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const core = join(dirname(fileURLToPath(import.meta.url)), '../../packages/core')
const conditions = ['worker', 'browser', 'import']
const kib = (code) => gzipSync(code, { level: 9 }).length / 1024

async function workerBundle(contents) {
  const { build } = await import('esbuild')
  const result = await build({
    stdin: { contents, resolveDir: core, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions,
    treeShaking: true,
    logLevel: 'silent',
  })
  return kib(result.outputFiles[0].contents)
}

/** The entry chunk and the lazily loaded chunks of a browser app that runs `contents`. */
async function browserApp(contents) {
  const { rolldown } = await import('rolldown')
  const dir = await mkdtemp(join(tmpdir(), 'traykit-size-'))
  try {
    const input = join(dir, 'app.js')
    await writeFile(input, contents.replaceAll('@traykit/core', join(core, 'dist/index.js')))
    const bundle = await rolldown({
      input,
      platform: 'browser',
      resolve: { conditionNames: conditions },
      logLevel: 'silent',
    })
    const { output } = await bundle.generate({ format: 'esm', minify: true })
    const chunks = output.filter((o) => o.type === 'chunk')
    const entry = chunks.filter((c) => c.isEntry).reduce((sum, c) => sum + kib(c.code), 0)
    const lazy = chunks.filter((c) => !c.isEntry).reduce((sum, c) => sum + kib(c.code), 0)
    return { entry, lazy }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export default async function () {
  const client = await workerBundle(`export { createTrayClient } from './dist/index.js'`)
  const withValidation = await workerBundle(
    `export { createTrayClient, validateInput } from './dist/index.js'`,
  )
  const app = await browserApp(
    `import { createTrayClient } from '@traykit/core'\n` +
      `export const tray = createTrayClient({ baseUrl: '/tray' })\n`,
  )
  const budget = (value) => ({ name: 'budget', value })
  const row = (name, value, limit) => ({
    name,
    unit: 'KiB',
    value,
    baseline: budget(limit),
    higherIsBetter: false,
    target: '<= 1',
  })
  return [
    row('core: createTrayClient, worker bundle (gzip)', client, 10),
    row('core: createTrayClient + validateInput, worker bundle (gzip)', withValidation, 20),
    row('core: createTrayClient, browser app entry chunk (gzip)', app.entry, 10),
    row('core: + validator chunk, loaded on the first call (gzip)', app.lazy, 10),
  ]
}
