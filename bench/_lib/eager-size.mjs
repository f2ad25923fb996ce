// What a page downloads before it runs, and what it downloads later. A code-splitting bundler
// makes an entry file and chunks; the entry imports some chunks statically (they load with it,
// before any code runs) and others through `import()` (they load when that code runs). Counting
// every non-entry chunk as lazy undercounts: a chunk the entry imports statically is part of the
// first download. So the eager size is the entry plus every chunk reachable from it through
// static imports (recursively), and the lazy size is the rest.
//
// Each figure is the sum of the files' gzip -9 sizes after minification, the way a server sends
// them. Every `@traykit/*` import resolves through the package's `publishConfig.exports`, i.e. to
// the built `dist` a user installs (`pnpm build` first).
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const packages = join(dirname(fileURLToPath(import.meta.url)), '../../packages')
/** The export conditions of a browser or Worker build. */
const conditions = ['worker', 'browser', 'import', 'default']

/** gzip -9 size of some code, in KiB. */
export const gzipKiB = (code) => gzipSync(code, { level: 9 }).length / 1024

/**
 * The dist file a `@traykit/<name>[/<subpath>]` import resolves to, through the package's
 * `publishConfig.exports`; `undefined` for any other import.
 * @param {string} specifier
 */
export function publishedFile(specifier) {
  const [, name, subpath] = /^@traykit\/([^/]+)(\/.+)?$/.exec(specifier) ?? []
  if (!name) return undefined
  const manifest = join(packages, name, 'package.json')
  if (!existsSync(manifest)) throw new Error(`no package for ${specifier}`)
  const exported = JSON.parse(readFileSync(manifest, 'utf8')).publishConfig?.exports?.[
    `.${subpath ?? ''}`
  ]?.default
  if (!exported) throw new Error(`${specifier} is not in its package's publishConfig.exports`)
  const file = join(packages, name, exported)
  if (!existsSync(file)) throw new Error(`${specifier}: ${exported} is missing, run \`pnpm build\``)
  return file
}

/**
 * @typedef {object} Split
 * @property {number} eager KiB gzip: the entry and every chunk it imports statically
 * @property {number} lazy KiB gzip: the chunks loaded through `import()` only
 * @property {string[]} eagerModules the source modules in the eager files
 */

/**
 * Sums the files of a split build. `files` maps each output file to its code, its static and
 * dynamic imports (output file names) and the source modules in it.
 * @param {string} entry
 * @param {Map<string, { code: string | Uint8Array, imports: string[], modules: string[] }>} files
 * @returns {Split}
 */
function split(entry, files) {
  const eager = new Set()
  const walk = (name) => {
    if (eager.has(name)) return
    eager.add(name)
    for (const next of files.get(name)?.imports ?? []) walk(next)
  }
  walk(entry)
  let eagerKiB = 0
  let lazyKiB = 0
  const eagerModules = []
  for (const [name, file] of files) {
    if (eager.has(name)) {
      eagerKiB += gzipKiB(file.code)
      eagerModules.push(...file.modules)
    } else lazyKiB += gzipKiB(file.code)
  }
  return { eager: eagerKiB, lazy: lazyKiB, eagerModules }
}

/**
 * Bundles `contents` (an ES module) with esbuild's code splitting, as a Vite or tsup app built
 * with esbuild or a Worker built with `--splitting` does.
 * @param {string} contents
 * @returns {Promise<Split>}
 */
export async function esbuildSplit(contents) {
  const { build } = await import('esbuild')
  const dir = await mkdtemp(join(tmpdir(), 'traykit-size-'))
  try {
    const input = join(dir, 'app.js')
    await writeFile(input, contents)
    const result = await build({
      entryPoints: [input],
      bundle: true,
      splitting: true,
      minify: true,
      write: false,
      metafile: true,
      outdir: join(dir, 'out'),
      absWorkingDir: dir,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions,
      plugins: [esbuildPublished],
      logLevel: 'silent',
    })
    const code = new Map(result.outputFiles.map((f) => [f.path, f.contents]))
    const files = new Map()
    let entry
    for (const [name, meta] of Object.entries(result.metafile.outputs)) {
      // The metafile names files relative to the working directory, outputFiles absolutely.
      const path = join(dir, name)
      // A chunk made for an `import()` has an entryPoint too: the app's entry is the input file.
      if (meta.entryPoint === 'app.js') entry = path
      files.set(path, {
        code: code.get(path) ?? '',
        imports: meta.imports
          .filter((i) => i.kind === 'import-statement' && !i.external)
          .map((i) => join(dir, i.path)),
        modules: Object.keys(meta.inputs),
      })
    }
    return split(entry, files)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Bundles `contents` with rolldown (Vite's bundler) and its default code splitting.
 * @param {string} contents
 * @returns {Promise<Split>}
 */
export async function rolldownSplit(contents) {
  const { rolldown } = await import('rolldown')
  const bundle = await rolldown({
    input: 'app',
    platform: 'browser',
    resolve: { conditionNames: conditions },
    logLevel: 'silent',
    plugins: [
      {
        name: 'app',
        resolveId: (id) => (id === 'app' ? id : (publishedFile(id) ?? null)),
        load: (id) => (id === 'app' ? contents : null),
      },
    ],
  })
  try {
    const { output } = await bundle.generate({ format: 'esm', minify: true })
    const chunks = output.filter((o) => o.type === 'chunk')
    const files = new Map(
      chunks.map((c) => [c.fileName, { code: c.code, imports: c.imports, modules: c.moduleIds }]),
    )
    return split(chunks.find((c) => c.isEntry).fileName, files)
  } finally {
    await bundle.close()
  }
}

/**
 * Bundles `contents` into one file with esbuild, as wrangler does by default: an `import()` is
 * inlined, so everything the code can reach counts.
 * @param {string} contents
 * @param {{ external?: string[] }} [options] `external`: dist files left out (path suffixes)
 * @returns {Promise<number>} KiB gzip
 */
export async function esbuildOneFile(contents, { external = [] } = {}) {
  const { build } = await import('esbuild')
  const result = await build({
    stdin: { contents, resolveDir: packages, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions,
    plugins: [
      esbuildPublished,
      {
        name: 'leave-out',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) => {
            const file = join(resolveDir, path)
            return external.some((suffix) => file.endsWith(suffix))
              ? { path: file, external: true }
              : undefined
          })
        },
      },
    ],
    logLevel: 'silent',
  })
  return gzipKiB(result.outputFiles[0].contents)
}

const esbuildPublished = {
  name: 'traykit-published-dist',
  setup(b) {
    b.onResolve({ filter: /^@traykit\// }, ({ path }) => ({ path: publishedFile(path) }))
  },
}
