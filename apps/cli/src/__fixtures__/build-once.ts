import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsdown'
import { TEST_TMP_VARIABLE } from './temp-dir'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
/** What the bin bundles: a change in any of these makes dist stale. */
const SOURCES = [
  'src',
  '../../packages/core/src',
  '../../packages/edge/src',
  '../../packages/testing/src',
  '../../packages/mcp/src',
]

/**
 * Builds the bin before the tests that run it as a subprocess, unless dist is newer than every
 * source it bundles (turbo built it just before): a rebuild wipes dist, and other packages'
 * tests may be running the bin at that moment. Gives the tests one temporary directory (their
 * $HOME and config files), removed when they are done.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (!(await isFresh())) {
    await build({ cwd: root, config: join(root, 'tsdown.config.ts'), logLevel: 'silent' })
  }
  const dir = await mkdtemp(join(tmpdir(), 'traykit-cli-tests-'))
  process.env[TEST_TMP_VARIABLE] = dir
  return () => rm(dir, { recursive: true, force: true })
}

async function isFresh(): Promise<boolean> {
  const built = await stat(join(root, 'dist/cli.cjs')).catch(() => undefined)
  if (!built) return false
  // The build's own config decides the chunks the tests count.
  const config = await stat(join(root, 'tsdown.config.ts'))
  if (config.mtimeMs > built.mtimeMs) return false
  for (const folder of SOURCES) {
    const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true })
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.includes('.test.')) continue
      const { mtimeMs } = await stat(join(entry.parentPath, entry.name))
      if (mtimeMs > built.mtimeMs) return false
    }
  }
  return true
}
