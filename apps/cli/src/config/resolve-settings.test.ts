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
  // Each case: flags, variables added to the environment, and what must be resolved.
  it.each<[string, Parameters<typeof resolveSettings>[0], Record<string, string>, object]>([
    [
      'the profile when nothing else is given',
      {},
      {},
      {
        token: 'profile-token',
        tokenSource: 'profile',
        region: 'eu1',
        baseUrl: 'https://api.eu1.tray.io',
      },
    ],
    [
      'the environment over the profile',
      {},
      { TRAY_TOKEN: 'env-token', TRAY_REGION: 'ap1' },
      {
        token: 'env-token',
        tokenSource: 'env',
        baseUrl: 'https://api.ap1.tray.io',
        baseUrlSource: 'env',
      },
    ],
    [
      'a flag over the environment and the profile',
      { token: 'flag-token', region: 'us' },
      { TRAY_TOKEN: 'env-token', TRAY_REGION: 'ap1' },
      {
        token: 'flag-token',
        tokenSource: 'flag',
        baseUrl: 'https://api.tray.io',
        regionSource: 'flag',
      },
    ],
    [
      "a profile's API URL",
      { profile: 'local' },
      {},
      {
        baseUrl: 'http://127.0.0.1:4010',
        apiUrl: 'http://127.0.0.1:4010',
        baseUrlSource: 'profile',
      },
    ],
    [
      "a stronger source's region over a profile's API URL",
      { profile: 'local', region: 'eu1' },
      {},
      { baseUrl: 'https://api.eu1.tray.io', apiUrl: undefined },
    ],
    [
      'an API URL over a weaker region',
      { 'api-url': 'http://localhost:9/' },
      { TRAY_REGION: 'ap1' },
      { baseUrl: 'http://localhost:9' },
    ],
    ['the profile TRAY_PROFILE names', {}, { TRAY_PROFILE: 'local' }, { token: 'local-token' }],
    [
      'the profile --profile names, over TRAY_PROFILE',
      { profile: 'default' },
      { TRAY_PROFILE: 'local' },
      { token: 'profile-token' },
    ],
    [
      'no token for a profile the file lacks',
      { profile: 'nobody' },
      {},
      { profile: 'nobody', token: undefined },
    ],
  ])('takes %s', async (_, flags, extraEnv, expected) => {
    expect(await resolveSettings(flags, { ...env, ...extraEnv })).toMatchObject(expected)
  })

  it('names the source of a bad region or URL', async () => {
    await expect(resolveSettings({}, { ...env, TRAY_REGION: 'moon' })).rejects.toThrow(
      'Unknown region "moon" (from TRAY_REGION)',
    )
    await expect(resolveSettings({}, { ...env, TRAY_API_URL: 'localhost:4010' })).rejects.toThrow(
      'The API URL from TRAY_API_URL is not an http(s) URL',
    )
  })

  it('refuses a reserved profile name, and takes no inherited property for a profile', async () => {
    await expect(resolveSettings({ profile: '__proto__' }, env)).rejects.toThrow(
      'The profile name "__proto__" (from --profile) is reserved: choose another',
    )
    await expect(resolveSettings({}, { ...env, TRAY_PROFILE: 'constructor' })).rejects.toThrow(
      'The profile name "constructor" (from TRAY_PROFILE) is reserved',
    )
    expect(await resolveSettings({ profile: 'toString' }, env)).toMatchObject({
      token: undefined,
      region: 'us',
    })
  })
})
