import { defineCommand } from 'citty'
import { globalArgs } from '../global-args'
import { lazySubCommands } from '../lazy-command'

/** `traykit users`: the end users of the account, with its master token. */
export default defineCommand({
  args: globalArgs,
  subCommands: lazySubCommands('traykit users', {
    list: ['List the end users of the account', () => import('./users-list')],
    create: [
      'Create an end user linked to your own user id (or find it if it exists)',
      () => import('./users-create'),
    ],
    token: [
      'Get a user token for an end user (shown only with --show-token)',
      () => import('./users-token'),
    ],
  }),
})
