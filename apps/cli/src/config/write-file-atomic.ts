import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Replaces a file's contents so that a reader, or a crash at any moment, sees either the old
 * file whole or the new one whole: write a private temporary file in the same directory,
 * flush it to disk, then rename it over the target. The file gets mode 0600 and a directory
 * created for it 0700, since it holds secrets (`shared: true`: 0644 and 0755, for a file that
 * holds none, such as generated code). A writer killed before its rename leaves its temporary
 * file behind: the next write removes it.
 */
export async function writeFileAtomic(
  path: string,
  contents: string,
  options: { shared?: boolean } = {},
): Promise<void> {
  const dir = dirname(path)
  const mode = options.shared ? 0o644 : 0o600
  await mkdir(dir, { recursive: true, mode: options.shared ? 0o755 : 0o700 })
  const prefix = `.${basename(path)}.`
  const temp = join(dir, `${prefix}${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'wx', mode)
    try {
      await handle.writeFile(contents, 'utf8')
      // The umask may have narrowed the mode; never widened it. Set it exactly.
      await handle.chmod(mode)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDirectory(dir)
  await removeAbandoned(dir, prefix)
}

/**
 * Removes the temporary files of writers that died before their rename: nothing reads them, but
 * they hold a copy of the secrets (a token `auth logout` removed, say). The writer's process id
 * is in the name; a running writer's file is left alone.
 */
async function removeAbandoned(dir: string, prefix: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(/^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))?.[1])
    if (pid > 0 && pid !== process.pid && !isRunning(pid))
      await rm(join(dir, name), { force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Makes the rename itself durable; platforms that cannot open a directory skip it. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  }
}
