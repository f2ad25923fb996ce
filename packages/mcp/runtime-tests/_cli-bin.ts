import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'tsdown'

const REPO = join(import.meta.dirname, '..', '..', '..')
const CLI = join(REPO, 'apps', 'cli')

/** The built `traykit` bin, as `npx @traykit/cli` runs it. */
export const CLI_BIN = join(CLI, 'dist', 'cli.cjs')

/** What the bin bundles, and its build config: a change in any of these makes its build stale. */
const SOURCES = [
  'apps/cli/src',
  'packages/core/src',
  'packages/edge/src',
  'packages/mcp/src',
  'packages/testing/src',
]

/**
 * Makes sure the built bin is there and newer than every source it bundles, building it
 * otherwise. In CI turbo builds it before this package's tests (packages/mcp/turbo.json), so
 * nothing is rebuilt under the CLI's own tests; a local run after an edit gets a fresh bin.
 */
export async function ensureCliBin(): Promise<string> {
  if (!(await isFresh())) {
    await build({ cwd: CLI, config: join(CLI, 'tsdown.config.ts'), logLevel: 'silent' })
  }
  return CLI_BIN
}

async function isFresh(): Promise<boolean> {
  const built = await stat(CLI_BIN).catch(() => undefined)
  if (!built) return false
  if ((await stat(join(CLI, 'tsdown.config.ts'))).mtimeMs > built.mtimeMs) return false
  for (const folder of SOURCES) {
    const entries = await readdir(join(REPO, folder), { recursive: true, withFileTypes: true })
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.includes('.test.')) continue
      if ((await stat(join(entry.parentPath, entry.name))).mtimeMs > built.mtimeMs) return false
    }
  }
  return true
}
