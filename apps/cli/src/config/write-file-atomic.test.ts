import { spawnSync } from 'node:child_process'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { tempDir } from '../__fixtures__/temp-dir'
import { writeFileAtomic } from './write-file-atomic'

// Lets a test make one fs step fail, the way a full disk or a crash would.
const failures = vi.hoisted(() => ({ rename: false, write: false }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...fs,
    rename: (from: string, to: string) =>
      failures.rename
        ? Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))
        : fs.rename(from, to),
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args)
      if (!failures.write) return handle
      // Half the text reaches the disk, then the disk is full.
      return Object.assign(Object.create(handle), {
        writeFile: async (text: string) => {
          await handle.writeFile(text.slice(0, text.length / 2))
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        },
        close: () => handle.close(),
      })
    },
  }
})

afterEach(() => {
  failures.rename = false
  failures.write = false
})

async function freshDir(): Promise<string> {
  return tempDir()
}

describe('writeFileAtomic', () => {
  it('writes a file only its owner can read, in a directory only its owner can enter', async () => {
    const dir = join(await freshDir(), 'traykit')
    await writeFileAtomic(join(dir, 'config.json'), '{"a":1}\n')
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe('{"a":1}\n')
    expect((await stat(join(dir, 'config.json'))).mode & 0o777).toBe(0o600)
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
  })

  it('narrows a file that was readable by others when it replaces it', async () => {
    const dir = await freshDir()
    await writeFile(join(dir, 'config.json'), 'old', { mode: 0o644 })
    await writeFileAtomic(join(dir, 'config.json'), 'new')
    expect((await stat(join(dir, 'config.json'))).mode & 0o777).toBe(0o600)
  })

  it.each([
    ['the write fails halfway', 'write', 'ENOSPC'],
    ['the rename fails', 'rename', 'EIO'],
  ] as const)('leaves the old file whole and no temporary file when %s', async (_, step, code) => {
    const dir = await freshDir()
    const path = join(dir, 'config.json')
    await writeFileAtomic(path, '{"profiles":{"default":{"token":"old"}}}\n')
    failures[step] = true
    await expect(
      writeFileAtomic(path, '{"profiles":{"default":{"token":"new-and-longer"}}}\n'),
    ).rejects.toMatchObject({ code })
    expect(await readFile(path, 'utf8')).toBe('{"profiles":{"default":{"token":"old"}}}\n')
    expect(await readdir(dir)).toEqual(['config.json'])
  })

  it('removes the temporary files of writers that died, and keeps those of running ones', async () => {
    const dir = await freshDir()
    const path = join(dir, 'config.json')
    // A process that has ended: its id names no running process (ids are not reused at once).
    const { pid: dead } = spawnSync(process.execPath, ['-e', '0'])
    const abandoned = `.config.json.${dead}.0a1b2c3d4e5f.tmp`
    const inFlight = `.config.json.${process.ppid}.0a1b2c3d4e5f.tmp`
    const unrelated = `.config.json.${dead}.notes`
    for (const name of [abandoned, inFlight, unrelated]) await writeFile(join(dir, name), '{"a"')
    await writeFileAtomic(path, '{}\n')
    expect((await readdir(dir)).sort()).toEqual([inFlight, unrelated, 'config.json'].sort())
  })
})
