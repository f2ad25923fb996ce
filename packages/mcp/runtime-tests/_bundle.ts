import { basename, extname, join } from 'node:path'
import { build } from 'esbuild'

/** Bundles land here, one file per entry, replaced on every run: nothing to clean up. */
const OUT_DIR = join(import.meta.dirname, '..', 'node_modules', '.cache', 'runtime-tests')

/**
 * Bundles a Worker entry into one ES module with the workspace packages' TypeScript sources,
 * as wrangler would (neutral: nothing Node-specific, Workers' export conditions first).
 */
export async function bundleWorker(entry: string): Promise<string> {
  const outfile = join(OUT_DIR, `${basename(entry, extname(entry))}.mjs`)
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'silent',
  })
  return outfile
}
