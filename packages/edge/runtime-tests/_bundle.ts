import { basename, extname, join } from 'node:path'
import { build } from 'esbuild'

/** Bundles land here, one file per entry, replaced on every run: nothing to clean up. */
const OUT_DIR = join(import.meta.dirname, '..', 'node_modules', '.cache', 'runtime-tests')

/**
 * Bundles an entry into one ES module with the workspace packages' TypeScript sources, as
 * wrangler would for a Worker (neutral: nothing Node-specific), or for Node.
 */
export async function bundle(
  entry: string,
  options: { name?: string; platform?: 'neutral' | 'node' } = {},
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
    logLevel: 'silent',
  })
  return outfile
}
