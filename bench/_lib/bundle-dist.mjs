// The suites measure the packages as users get them, built (dist), but in the workspace a
// `@traykit/*` import resolves to TypeScript sources. So each suite has esbuild bundle what it
// needs into one module Node can import, with every `@traykit/*` import (the suite's own and
// those inside the packages) pointed at the dist file the package publishes.
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packages = join(dirname(fileURLToPath(import.meta.url)), '../../packages')

/**
 * Bundles the named exports of each module into a temporary file; `remove()` deletes it.
 * @param {string} resolveFrom the folder under packages/ whose dependencies resolve bare imports
 *   such as `hono`, so the bundle holds the same copy the packages use
 * @param {Record<string, string[]>} modules names to export, by import specifier
 * @returns {Promise<{ file: string, remove: () => Promise<void> }>}
 */
export async function bundleDist(resolveFrom, modules) {
  // Imported when used: the suites' server children import the suite files but never bundle.
  const { build } = await import('esbuild')
  const dir = await mkdtemp(join(tmpdir(), `traykit-bench-${resolveFrom}-`))
  const remove = () => rm(dir, { recursive: true, force: true })
  const file = join(dir, 'bundle.mjs')
  try {
    await build({
      stdin: {
        contents: Object.entries(modules)
          .map(([specifier, names]) => `export { ${names.join(', ')} } from '${specifier}'`)
          .join('\n'),
        resolveDir: join(packages, resolveFrom),
        loader: 'js',
      },
      plugins: [publishedDist],
      outfile: file,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    })
  } catch (error) {
    await remove()
    throw error
  }
  return { file, remove }
}

/** Resolves `@traykit/<name>[/<subpath>]` through the package's `publishConfig.exports`. */
const publishedDist = {
  name: 'traykit-published-dist',
  setup(build) {
    build.onResolve({ filter: /^@traykit\// }, ({ path }) => {
      const [, name, subpath] = /^@traykit\/([^/]+)(\/.+)?$/.exec(path) ?? []
      const manifest = join(packages, name ?? '', 'package.json')
      if (!name || !existsSync(manifest)) return { errors: [{ text: `no package for ${path}` }] }
      const exported = JSON.parse(readFileSync(manifest, 'utf8')).publishConfig?.exports?.[
        `.${subpath ?? ''}`
      ]?.default
      if (!exported) return { errors: [{ text: `${path} is not in its publishConfig.exports` }] }
      const target = join(packages, name, exported)
      if (!existsSync(target)) {
        return { errors: [{ text: `${path}: ${exported} is missing, run \`pnpm build\` first` }] }
      }
      return { path: target }
    })
  },
}
