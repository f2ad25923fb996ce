import { defineCommand } from 'citty'
import { globalArgs } from '../global-args'
import { lazySubCommands } from '../lazy-command'

/** `traykit auth`: the token of a profile. */
export default defineCommand({
  args: globalArgs,
  subCommands: lazySubCommands('traykit auth', {
    login: [
      'Check a token with Tray and save it (read from stdin or a hidden prompt)',
      () => import('./auth-login'),
    ],
    status: [
      'Show the profile, region, URL and masked token in use',
      () => import('./auth-status'),
    ],
    logout: ['Remove the token of a profile', () => import('./auth-logout')],
  }),
})
