import { beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../__fixtures__/temp-dir'
import { configPath, saveConfig } from './config-file'
import { resolveSettings } from './resolve-settings'

let env: Record<string, string>

beforeEach(async () => {
  env = { XDG_CONFIG_HOME: await tempDir() }
  await saveConfig(configPath(env), {
    profiles: {
      default: { token: 'profile-token', region: 'eu1' },
      local: { token: 'local-token', apiUrl: 'http://127.0.0.1:4010/' },
    },
  })
})

describe('resolveSettings', () => {
  it('takes the profile when nothing else is given', async () => {
    const s = await resolveSettings({}, env)
    expect(s).toMatchObject({
      token: 'profile-token',
      tokenSource: 'profile',
      region: 'eu1',
      baseUrl: 'https://api.eu1.tray.io',
    })
  })

  it('prefers the environment to the profile, and a flag to both', async () => {
    const fromEnv = await resolveSettings(
      {},
      { ...env, TRAY_TOKEN: 'env-token', TRAY_REGION: 'ap1' },
    )
    expect(fromEnv).toMatchObject({
      token: 'env-token',
      tokenSource: 'env',
      baseUrl: 'https://api.ap1.tray.io',
      baseUrlSource: 'env',
    })
    const fromFlag = await resolveSettings(
      { token: 'flag-token', region: 'us' },
      { ...env, TRAY_TOKEN: 'env-token', TRAY_REGION: 'ap1' },
    )
    expect(fromFlag).toMatchObject({
      token: 'flag-token',
      tokenSource: 'flag',
      baseUrl: 'https://api.tray.io',
      regionSource: 'flag',
    })
  })

  it("uses a profile's API URL, unless a stronger source names a region", async () => {
    const local = await resolveSettings({ profile: 'local' }, env)
    expect(local).toMatchObject({
      baseUrl: 'http://127.0.0.1:4010',
      apiUrl: 'http://127.0.0.1:4010',
      baseUrlSource: 'profile',
    })
    const region = await resolveSettings({ profile: 'local', region: 'eu1' }, env)
    expect(region).toMatchObject({ baseUrl: 'https://api.eu1.tray.io', apiUrl: undefined })
    const url = await resolveSettings(
      { 'api-url': 'http://localhost:9/' },
      { ...env, TRAY_REGION: 'ap1' },
    )
    expect(url.baseUrl).toBe('http://localhost:9')
  })

  it('picks the profile from --profile, else TRAY_PROFILE, else "default"', async () => {
    expect((await resolveSettings({}, { ...env, TRAY_PROFILE: 'local' })).token).toBe('local-token')
    expect(
      (await resolveSettings({ profile: 'default' }, { ...env, TRAY_PROFILE: 'local' })).token,
    ).toBe('profile-token')
    expect(await resolveSettings({ profile: 'nobody' }, env)).toMatchObject({
      profile: 'nobody',
      token: undefined,
    })
  })

  it('names the source of a bad region or URL', async () => {
    await expect(resolveSettings({}, { ...env, TRAY_REGION: 'moon' })).rejects.toThrow(
      'Unknown region "moon" (from TRAY_REGION)',
    )
    await expect(resolveSettings({}, { ...env, TRAY_API_URL: 'localhost:4010' })).rejects.toThrow(
      'The API URL from TRAY_API_URL is not an http(s) URL',
    )
  })
})
