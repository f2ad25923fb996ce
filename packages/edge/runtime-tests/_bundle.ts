import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { build, type Plugin } from 'esbuild'

const PACKAGE = join(import.meta.dirname, '..')
/** Bundles land here, one file per entry, replaced on every run: nothing to clean up. */
const OUT_DIR = join(PACKAGE, 'node_modules', '.cache', 'runtime-tests')

/**
 * Bundles an entry into one ES module with the workspace packages' TypeScript sources, as
 * wrangler would for a Worker (neutral: nothing Node-specific), or for Node. With `built`, an
 * import of `@traykit/edge` gets this package's build (its `publishConfig` entry), as a user's
 * install does.
 */
export async function bundle(
  entry: string,
  options: { name?: string; platform?: 'neutral' | 'node'; built?: boolean } = {},
): Promise<string> {
  const outfile = join(OUT_DIR, `${options.name ?? basename(entry, extname(entry))}.mjs`)
  const neutral = (options.platform ?? 'neutral') === 'neutral'
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: neutral ? 'neutral' : 'node',
    target: neutral ? 'es2022' : 'node20',
    ...(neutral && {
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'browser'],
    }),
    plugins: options.built ? [builtPackage()] : [],
    logLevel: 'silent',
  })
  return outfile
}

/** Resolves `@traykit/edge` to the built file this package publishes, refusing a stale one. */
function builtPackage(): Plugin {
  const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'))
  const entry = join(PACKAGE, manifest.publishConfig.exports['.'].default)
  return {
    name: 'built-traykit-edge',
    setup(build) {
      build.onResolve({ filter: /^@traykit\/edge$/ }, () => {
        const built = modifiedAt(entry)
        const source = newestSource(join(PACKAGE, 'src'))
        if (built === undefined || built < source.time) {
          const why = built === undefined ? 'is missing' : `is older than ${source.file}`
          return {
            errors: [{ text: `${entry} ${why}: run \`pnpm --filter @traykit/edge build\`` }],
          }
        }
        return { path: entry }
      })
    },
  }
}

function modifiedAt(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs
  } catch {
    return undefined
  }
}

/** The most recently changed file that goes into the build (tests and fixtures do not). */
function newestSource(dir: string): { file: string; time: number } {
  let newest = { file: dir, time: 0 }
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name.includes('__fixtures__')) {
      continue
    }
    const time = statSync(join(dir, name)).mtimeMs
    if (time > newest.time) newest = { file: name, time }
  }
  return newest
}
