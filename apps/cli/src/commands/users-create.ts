import { defineCommand } from 'citty'
import { globalArgs } from '../global-args'
import { createOutput } from '../output/output'
import { openUsers } from './_open-users'

/** `traykit users create <externalUserId> --name NAME [--test]`: find or create an end user. */
export default defineCommand({
  args: {
    externalUserId: {
      type: 'positional',
      required: true,
      description: 'Your own id of the user',
    },
    name: { type: 'string', required: true, valueHint: 'name', description: 'The name Tray shows' },
    test: { type: 'boolean', description: 'A test user, not billed by Tray' },
    ...globalArgs,
  },
  async run({ args }) {
    const out = createOutput(args)
    const users = await openUsers(args, out)
    const user = await out.wait('Creating the user', () =>
      users.ensure({
        externalUserId: args.externalUserId,
        name: args.name,
        ...(args.test === undefined ? {} : { isTestUser: args.test }),
      }),
    )
    if (out.json) return out.data(user)
    out.text(
      `${out.colors.cyan(args.externalUserId)}: Tray user ${user.userId}${user.isTestUser ? ' (test user)' : ''}`,
    )
  },
})
