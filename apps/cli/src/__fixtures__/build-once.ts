import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsdown'
import { TEST_TMP_VARIABLE } from './temp-dir'

/**
 * Builds the bin once, before the tests that run it as a subprocess, and gives the tests one
 * temporary directory (their $HOME and config files), removed when they are done.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
  await build({ cwd: root, config: join(root, 'tsdown.config.ts'), logLevel: 'silent' })
  const dir = await mkdtemp(join(tmpdir(), 'traykit-cli-tests-'))
  process.env[TEST_TMP_VARIABLE] = dir
  return () => rm(dir, { recursive: true, force: true })
}
