import { defineCommand } from 'citty'
import { CliError, EXIT } from '../cli-error'
import { MOCK_TOKEN, MOCK_URL } from '../client/create-cli-mock'
import { loadSettings } from '../client/open-client'
import { maskToken } from '../config/mask-token'
import type { SettingSource } from '../config/resolve-settings'
import { globalArgs } from '../global-args'
import { createOutput } from '../output/output'

const SOURCES: Record<SettingSource, string> = {
  flag: 'from a flag',
  env: 'from the environment',
  profile: 'from the config file',
  default: 'the default',
}

/** `traykit auth status`: which profile, server and token a command would use. */
export default defineCommand({
  args: globalArgs,
  async run({ args }) {
    const out = createOutput(args)
    if (args.mock) {
      const status = {
        profile: null,
        server: MOCK_URL,
        serverSource: 'mock',
        token: MOCK_TOKEN,
        tokenSource: 'mock',
      }
      if (out.json) return out.data(status)
      return out.text(`Server:  built-in mock (in process, no network)\nToken:   ${MOCK_TOKEN}`)
    }
    const s = await loadSettings(args, out)
    const status = {
      profile: s.profile,
      configFile: s.configPath,
      server: s.baseUrl,
      serverSource: s.baseUrlSource,
      region: s.apiUrl ? null : s.region,
      token: s.token ? maskToken(s.token) : null,
      tokenSource: s.tokenSource ?? null,
    }
    if (out.json) out.data(status)
    else {
      const { dim } = out.colors
      out.text(
        [
          `Profile: ${s.profile} ${dim(`(${s.configPath})`)}`,
          `Server:  ${s.baseUrl} ${dim(`(${s.apiUrl ? 'API URL' : `region ${s.region}`}, ${SOURCES[s.baseUrlSource]})`)}`,
          `Token:   ${s.token ? `${maskToken(s.token)} ${dim(`(${SOURCES[s.tokenSource ?? 'default']})`)}` : 'none'}`,
        ].join('\n'),
      )
    }
    if (!s.token) {
      out.note('Not logged in: run `traykit auth login`, or set TRAY_TOKEN.')
      throw new CliError('no token', EXIT.credentials, { silent: true })
    }
  },
})
