// The config directory and file are refused as ssh refuses ~/.ssh. These tests run as root in
// CI's containers and as a user elsewhere: ownership is changed with chown where the process
// may (root), and the rule itself is checked with each user id given explicitly.
import { chmod, chown, lstat, mkdir, readdir, readFile, stat, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../__fixtures__/temp-dir'
import { checkConfigSafety, currentUid, type OwnerAndMode } from './check-config-safety'
import { readConfig, saveConfig } from './config-file'

const OLD = { profiles: { default: { token: 'tk_old_0123456789abcdef' } } }
const NEW = { profiles: { default: { token: 'tk_new_0123456789abcdef' } } }

function stats(uid: number, mode: number, link = false): OwnerAndMode {
  return { uid, mode, isSymbolicLink: () => link }
}

/** A saved config in a fresh `traykit/` directory. */
async function savedConfig(): Promise<{ dir: string; path: string; text: string }> {
  const dir = join(await tempDir(), 'traykit')
  const path = join(dir, 'config.json')
  await saveConfig(path, OLD)
  return { dir, path, text: await readFile(path, 'utf8') }
}

async function refusal(promise: Promise<unknown>): Promise<{ message: string; exitCode: number }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(Error)
  return error as { message: string; exitCode: number }
}

const isRoot = currentUid() === 0

describe('checkConfigSafety', () => {
  it.each([
    ['your own 0700 directory', stats(1000, 0o40700), 1000],
    ['a 0755 directory (others may read, not write)', stats(1000, 0o40755), 1000],
    ["root's own directory, read by a user (as ssh allows)", stats(0, 0o40700), 1000],
    ['anything on a platform without owners, but links', stats(42, 0o40777), undefined],
  ] as const)('accepts %s', (_, given, uid) => {
    expect(() => checkConfigSafety(given, '/c/traykit', 'directory', uid)).not.toThrow()
  })

  it.each([
    ['a symbolic link', stats(1000, 0o120777, true), 1000, 'it is a symbolic link'],
    [
      'a link, even without owners',
      stats(1000, 0o120777, true),
      undefined,
      'it is a symbolic link',
    ],
    [
      "another user's directory",
      stats(1001, 0o40700),
      1000,
      'it belongs to user 1001, not to you (user 1000)',
    ],
    [
      "a user's directory read by root (sudo with the user's HOME)",
      stats(1000, 0o40700),
      0,
      'it belongs to user 1000, not to you (user 0)',
    ],
    [
      'a world-writable directory',
      stats(1000, 0o40777),
      1000,
      'group or others may write it (mode 0777)',
    ],
    [
      'a group-writable directory',
      stats(1000, 0o40770),
      1000,
      'group or others may write it (mode 0770)',
    ],
  ] as const)('refuses %s with exit 3', (_, given, uid, why) => {
    const call = () => checkConfigSafety(given, '/c/traykit', 'directory', uid)
    expect(call).toThrow(`Refusing the config directory /c/traykit: ${why}.`)
    expect(call).toThrow(expect.objectContaining({ exitCode: 3 }))
  })
})

describe('reading and saving the config', () => {
  it.each([
    ['world-writable', 0o777],
    ['group-writable', 0o770],
  ])('refuses a %s directory, and changes nothing in it', async (_, mode) => {
    const { dir, path, text } = await savedConfig()
    await chmod(dir, mode)
    const read = await refusal(readConfig(path))
    expect(read.exitCode).toBe(3)
    expect(read.message).toContain(`Refusing the config directory ${dir}: group or others may`)
    expect(read.message).toContain(`chmod 700 ${dir}`)
    const save = await refusal(saveConfig(path, NEW))
    expect(save.exitCode).toBe(3)
    expect(await readFile(path, 'utf8')).toBe(text)
    expect(await readdir(dir)).toEqual(['config.json'])
    // Never "fixed" behind the user's back: they must look at what is in it first.
    expect((await stat(dir)).mode & 0o777).toBe(mode)
  })

  it('refuses a file others may write', async () => {
    const { path } = await savedConfig()
    await chmod(path, 0o666)
    const read = await refusal(readConfig(path))
    expect(read.exitCode).toBe(3)
    expect(read.message).toContain(`Refusing the config file ${path}: group or others may write`)
  })

  it('refuses a symlinked traykit/ directory, and never changes where it points', async () => {
    const base = await tempDir()
    const elsewhere = join(base, 'elsewhere')
    await mkdir(elsewhere, { mode: 0o755 })
    await chmod(elsewhere, 0o755)
    const dir = join(base, 'config', 'traykit')
    await mkdir(join(base, 'config'))
    await symlink(elsewhere, dir)
    const path = join(dir, 'config.json')
    const read = await refusal(readConfig(path))
    expect(read.exitCode).toBe(3)
    expect(read.message).toContain(`Refusing the config directory ${dir}: it is a symbolic link`)
    const save = await refusal(saveConfig(path, NEW))
    expect(save.exitCode).toBe(3)
    // Before, saveConfig wrote through the link and chmod-ed its target.
    expect(await readdir(elsewhere)).toEqual([])
    expect((await stat(elsewhere)).mode & 0o777).toBe(0o755)
    expect((await lstat(dir)).isSymbolicLink()).toBe(true)
  })

  it('refuses a symlinked config.json', async () => {
    const { dir, path } = await savedConfig()
    const target = join(dir, '..', 'real.json')
    await saveConfig(join(dir, 'real.json'), OLD)
    const linked = join(dir, 'linked.json')
    await symlink(target, linked)
    const read = await refusal(readConfig(linked))
    expect(read.message).toContain(`Refusing the config file ${linked}: it is a symbolic link`)
    expect((await readConfig(path)).config).toEqual(OLD)
  })

  it("refuses a directory or file of another user (root reading a user's)", async () => {
    const { dir, path, text } = await savedConfig()
    // As root, the files become another user's; as a user, the reader becomes another user.
    const reader = async (target: string) => {
      if (!isRoot) return { owner: currentUid()!, uid: currentUid()! + 1 }
      await chown(target, 4242, 4242)
      return { owner: 4242, uid: 0 }
    }
    const asFile = await reader(path)
    const file = await refusal(readConfig(path, { uid: asFile.uid }))
    expect(file.exitCode).toBe(3)
    expect(file.message).toContain(
      `Refusing the config file ${path}: it belongs to user ${asFile.owner}, not to you (user ${asFile.uid})`,
    )
    if (isRoot) await chown(path, 0, 0)
    const asDir = await reader(dir)
    const read = await refusal(readConfig(path, { uid: asDir.uid }))
    expect(read.message).toContain(
      `Refusing the config directory ${dir}: it belongs to user ${asDir.owner}, not to you (user ${asDir.uid})`,
    )
    await refusal(saveConfig(path, NEW, { uid: asDir.uid }))
    expect(await readFile(path, 'utf8')).toBe(text)
  })

  it('narrows a safe directory others may read to 0700 when it saves', async () => {
    const { dir, path } = await savedConfig()
    await chmod(dir, 0o755)
    expect((await readConfig(path)).config).toEqual(OLD)
    await saveConfig(path, NEW)
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await readConfig(path)).config).toEqual(NEW)
  })
})
