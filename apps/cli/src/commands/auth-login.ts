import { TrayAuthenticationError } from '@traykit/core'
import { defineCommand } from 'citty'
import { CliError, EXIT, usageError } from '../cli-error'
import { currentRun } from '../cli-io'
import { createClient, loadSettings, registerSecret } from '../client/open-client'
import { profileOf, saveConfig } from '../config/config-file'
import { maskToken } from '../config/mask-token'
import { globalArgs } from '../global-args'
import { promptHidden } from '../input/prompt-hidden'
import { readStdin } from '../input/read-stdin'
import { createOutput } from '../output/output'

/** `traykit auth login`: check a token with Tray, then save it to the profile. */
export default defineCommand({
  args: globalArgs,
  async run({ args }) {
    if (args.mock) throw usageError('The mock needs no login: add --mock to any command instead.')
    const out = createOutput(args)
    const { io } = currentRun()
    const settings = await loadSettings(args, out)
    if (settings.baseUrlSource === 'profile' && !settings.trayHost) {
      // The config file alone must not choose where a token is sent: a planted apiUrl would
      // collect every token typed here.
      throw usageError(
        `Profile "${settings.profile}" sends tokens to ${settings.baseUrl} (its apiUrl in ` +
          `${settings.configPath}), which is not a Tray host. auth login sends a token only to ` +
          'Tray or to a server named for this run: if you trust that server, run ' +
          `\`traykit auth login --profile ${settings.profile} --api-url ${settings.baseUrl}\`; ` +
          'else remove apiUrl from the profile.',
      )
    }
    if (!settings.trayHost) {
      out.note(
        `The token goes to ${settings.baseUrl} (from ${settings.baseUrlWhere}), not a Tray host.`,
      )
    }
    const given =
      args.token ??
      (io.stdin.isTTY
        ? await promptHidden(
            `Tray token for ${settings.baseUrl} (input hidden): `,
            io.stdin,
            io.stderr,
          )
        : await readStdin(io.stdin))
    const token = given.trim()
    if (!token)
      throw new CliError(
        'No token given: pipe it on stdin or type it at the prompt.',
        EXIT.credentials,
      )
    registerSecret(token)
    if (/\s/.test(token))
      throw usageError('The token contains spaces or line breaks; paste it alone.')

    const tray = createClient(token, settings.baseUrl, out)
    try {
      await out.wait(`Checking the token with ${settings.baseUrl}`, () => tray.listConnectors())
    } catch (error) {
      if (error instanceof TrayAuthenticationError) {
        throw new CliError(
          `${settings.baseUrl} rejected the token (401); nothing was saved.`,
          EXIT.credentials,
        )
      }
      throw error
    }

    const { config } = settings.loaded
    config.profiles[settings.profile] = {
      ...profileOf(config, settings.profile),
      token,
      ...(settings.regionSource === 'default' ? {} : { region: settings.region }),
      ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}),
    }
    await saveConfig(settings.configPath, config)
    const saved = {
      profile: settings.profile,
      server: settings.baseUrl,
      token: maskToken(token),
      configFile: settings.configPath,
    }
    if (out.json) return out.data(saved)
    out.text(`Logged in to ${saved.server} as profile "${saved.profile}" (token ${saved.token}).`)
    out.note(`Saved to ${saved.configFile} (mode 0600).`)
  },
})
