import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../__fixtures__/temp-dir'
import { configPath, readConfig, saveConfig } from './config-file'

async function fileWith(text: string): Promise<string> {
  const dir = await tempDir()
  const path = join(dir, 'config.json')
  await writeFile(path, text, { mode: 0o600 })
  return path
}

describe('config file', () => {
  it('lives under $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe(
      join('/x', 'traykit', 'config.json'),
    )
    expect(configPath({ HOME: '/h' })).toBe(join('/h', '.config', 'traykit', 'config.json'))
  })

  it('reads a missing file as no profiles, and round-trips what it saves', async () => {
    const dir = await tempDir()
    const path = join(dir, 'traykit', 'config.json')
    expect(await readConfig(path)).toEqual({ config: { profiles: {} }, exposed: false })
    await saveConfig(path, { profiles: { work: { token: 't', region: 'eu1' } } })
    expect((await readConfig(path)).config).toEqual({
      profiles: { work: { token: 't', region: 'eu1' } },
    })
  })

  it('refuses a file of the wrong shape, naming the file and the path, never the value', async () => {
    const secret = 12345678901234
    const path = await fileWith(JSON.stringify({ profiles: { default: { token: secret } } }))
    const error = await readConfig(path).catch((e: Error) => e)
    expect(error).toMatchObject({ exitCode: 2 })
    expect((error as Error).message).toBe(
      `The config file ${path} is invalid at profiles.default.token: must be a string. Fix it, or delete it and run \`traykit auth login\`.`,
    )
    expect((error as Error).message).not.toContain(String(secret))
  })

  it('refuses a file that is not JSON, saying where', async () => {
    const path = await fileWith('{\n  "profiles": {\n    "default": { "token": "abc" }\n  \n')
    await expect(readConfig(path)).rejects.toThrow(
      `The config file ${path} is not valid JSON: unexpected end of input`,
    )
  })

  it('refuses a path it cannot read as a file', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'config.json'))
    await expect(readConfig(join(dir, 'config.json'))).rejects.toThrow(
      `Cannot read the config file ${join(dir, 'config.json')}: EISDIR`,
    )
  })

  it('notices a file others can read', async () => {
    const path = await fileWith('{}')
    await chmod(path, 0o644)
    expect((await readConfig(path)).exposed).toBe(true)
  })
})
