import { TRAY_REGIONS } from '@traykit/core'
import { createTrayUsers, type TrayUsers } from '@traykit/core/users'
import { CliError, EXIT } from '../cli-error'
import { createCliMock, MOCK_TOKEN, MOCK_URL } from '../client/create-cli-mock'
import { loadSettings } from '../client/open-client'
import type { GlobalArgs } from '../global-args'
import type { Output } from '../output/output'

/**
 * End users of the profile's account, with its master token: Tray's GraphQL API of the
 * region, or `<API URL>/graphql` for another server (`traykit mock` serves one).
 */
export async function openUsers(flags: GlobalArgs, out: Output): Promise<TrayUsers> {
  if (flags.mock) {
    const mock = await createCliMock()
    out.debug(`using the built-in mock at ${MOCK_URL} (in process, no network)`)
    return createTrayUsers({ masterToken: MOCK_TOKEN, baseUrl: MOCK_URL, fetch: mock.fetch })
  }
  const settings = await loadSettings(flags, out)
  if (!settings.token) {
    throw new CliError(
      `No Tray token for profile "${settings.profile}". Run \`traykit auth login\` with the account's ` +
        'master token, set TRAY_TOKEN, or add --mock to try it against the built-in mock.',
      EXIT.credentials,
    )
  }
  // A Tray API host names its region; its GraphQL API is on the region's own host.
  const region = (Object.keys(TRAY_REGIONS) as Array<keyof typeof TRAY_REGIONS>).find(
    (r) => TRAY_REGIONS[r] === settings.baseUrl,
  )
  return region
    ? createTrayUsers({ masterToken: settings.token, region })
    : createTrayUsers({ masterToken: settings.token, baseUrl: settings.baseUrl })
}
