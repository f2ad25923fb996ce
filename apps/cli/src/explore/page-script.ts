import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { usageError } from '../cli-error'

/**
 * The page's script, built with the CLI (`dist/explore/page.js`, beside the bundle this code
 * is in). Run from the sources, there is none: the error says to build first.
 */
export async function readPageScript(
  dir = typeof __dirname === 'string' ? __dirname : '',
): Promise<string> {
  const path = join(dir, 'explore', 'page.js')
  try {
    return await readFile(path, 'utf8')
  } catch {
    throw usageError(
      `The explorer's page is not built (${path} is missing): run \`pnpm build\` in apps/cli first.`,
    )
  }
}
