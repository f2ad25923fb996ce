import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../__fixtures__/temp-dir'
import { checkProfileName, configPath, profileOf, readConfig, saveConfig } from './config-file'

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
      `The config file ${path} is invalid at profiles.default.token: must be a string. Fix it, or delete it and run \`traykit auth login\`; traykit will not overwrite it.`,
    )
    expect((error as Error).message).not.toContain(String(secret))
  })

  it('refuses a file that is not JSON, saying where and what to do', async () => {
    const path = await fileWith('{\n  "profiles": {\n    "default": { "token": "abc" }\n  \n')
    await expect(readConfig(path)).rejects.toThrow(
      `The config file ${path} is not valid JSON: unexpected end of input (expected ',' or '}') at line 5, column 1. Fix it, or delete it`,
    )
  })

  it.each([
    ['an empty file', '', 'is not valid JSON: unexpected end of input'],
    ['an array', '[]', 'is invalid: must be a JSON object.'],
    ['a string', '"token"', 'is invalid: must be a JSON object.'],
    [
      'profiles of the wrong type',
      '{"profiles":[1]}',
      'is invalid at profiles: must be a JSON object',
    ],
    [
      'a profile that is not an object',
      '{"profiles":{"a":"tk_live_abcdefgh"}}',
      'is invalid at profiles.a: must be a JSON object.',
    ],
    [
      'a profile that is an array',
      '{"profiles":{"a":[]}}',
      'is invalid at profiles.a: must be a JSON object.',
    ],
    [
      'a profile valibot would drop',
      '{"profiles":{"constructor":{"token":"abc"}}}',
      'is invalid at profiles.constructor: "constructor" cannot be a profile name',
    ],
  ])('refuses %s, with exit 2, naming the file', async (_, text, message) => {
    const path = await fileWith(text)
    const error = await readConfig(path).catch((e: Error) => e)
    expect(error).toMatchObject({ exitCode: 2 })
    expect((error as Error).message).toContain(`The config file ${path} ${message}`)
    expect((error as Error).message).not.toContain('tk_live')
  })

  it('refuses reserved profile names, and finds only a profile the file has', () => {
    expect(() => checkProfileName('prototype', '--profile')).toThrow(
      'The profile name "prototype" (from --profile) is reserved: choose another',
    )
    expect(() => checkProfileName('toString', '--profile')).not.toThrow()
    const config = { profiles: { work: { token: 't' } } }
    expect(profileOf(config, 'work')).toEqual({ token: 't' })
    expect(profileOf(config, 'toString')).toBeUndefined()
    expect(profileOf(config, 'hasOwnProperty')).toBeUndefined()
  })

  it('reads a file that starts with a byte order mark', async () => {
    const path = await fileWith('\uFEFF{"profiles":{"a":{"token":"t"}}}')
    expect((await readConfig(path)).config.profiles).toEqual({ a: { token: 't' } })
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
