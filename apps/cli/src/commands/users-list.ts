import type { TrayUser } from '@traykit/core/users'
import { defineCommand } from 'citty'
import { globalArgs } from '../global-args'
import { createOutput } from '../output/output'
import { openUsers } from './_open-users'

/** `traykit users list`: every end user of the account. */
export default defineCommand({
  args: {
    test: { type: 'boolean', description: 'Only test users (--no-test: only billed users)' },
    ...globalArgs,
  },
  async run({ args }) {
    const out = createOutput(args)
    const users = await openUsers(args, out)
    const elements = await out.wait('Listing users', async () => {
      const all: TrayUser[] = []
      for await (const user of users.list({ isTestUser: args.test })) all.push(user)
      return all
    })
    if (out.json) return out.data({ elements })
    if (elements.length === 0) return out.note('No users.')
    out.table(
      [
        { header: 'EXTERNAL ID', value: (u: TrayUser) => out.colors.cyan(u.externalUserId ?? '') },
        { header: 'USER ID', value: (u) => u.userId },
        { header: 'TEST', value: (u) => (u.isTestUser ? 'yes' : '') },
        { header: 'NAME', value: (u) => u.name },
      ],
      elements,
    )
  },
})
