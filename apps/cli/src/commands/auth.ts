import { defineCommand } from 'citty'
import { globalArgs } from '../global-args'
import { lazyCommand } from '../lazy-command'

/** `traykit auth`: the token of a profile. */
export default defineCommand({
  args: globalArgs,
  subCommands: {
    login: lazyCommand(
      {
        name: 'traykit auth login',
        description: 'Check a token with Tray and save it (read from stdin or a hidden prompt)',
      },
      () => import('./auth-login'),
    ),
    status: lazyCommand(
      {
        name: 'traykit auth status',
        description: 'Show the profile, region, URL and masked token in use',
      },
      () => import('./auth-status'),
    ),
    logout: lazyCommand(
      { name: 'traykit auth logout', description: 'Remove the token of a profile' },
      () => import('./auth-logout'),
    ),
  },
})
