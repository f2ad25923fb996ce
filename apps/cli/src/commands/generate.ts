import { defineCommand } from 'citty'
import { globalArgs } from '../global-args'
import { lazySubCommands } from '../lazy-command'

/** `traykit generate`: code made from the catalog. */
export default defineCommand({
  args: globalArgs,
  subCommands: lazySubCommands('traykit generate', {
    types: [
      'Write TypeScript types of connectors’ operations, registered on @traykit/core',
      () => import('./generate-types'),
    ],
  }),
})
