import { defineCommand } from 'citty'
import { usageError } from '../cli-error'
import { currentRun } from '../cli-io'
import { profileOf, saveConfig } from '../config/config-file'
import { resolveSettings } from '../config/resolve-settings'
import { globalArgs } from '../global-args'
import { createOutput } from '../output/output'

/** `traykit auth logout`: forget the profile's token (Tray has no API to revoke it). */
export default defineCommand({
  args: globalArgs,
  async run({ args }) {
    if (args.mock) throw usageError('The mock has no login to end: drop --mock.')
    const out = createOutput(args)
    const { io } = currentRun()
    const settings = await resolveSettings(args, io.env)
    const { config } = settings.loaded
    const profile = profileOf(config, settings.profile)
    const removed = profile?.token !== undefined
    if (profile && removed) {
      const { token: _, ...rest } = profile
      if (Object.keys(rest).length) config.profiles[settings.profile] = rest
      else delete config.profiles[settings.profile]
      await saveConfig(settings.configPath, config)
    }
    if (io.env.TRAY_TOKEN) out.note('TRAY_TOKEN is still set in this environment and will be used.')
    if (out.json)
      return out.data({ profile: settings.profile, removed, configFile: settings.configPath })
    out.text(
      removed
        ? `Removed the token of profile "${settings.profile}" from ${settings.configPath}.`
        : `Profile "${settings.profile}" has no saved token.`,
    )
  },
})
