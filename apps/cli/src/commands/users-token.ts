import { USER_TOKEN_LIFETIME_MS } from '@traykit/core/users'
import { defineCommand } from 'citty'
import { currentRun } from '../cli-io'
import { registerSecret } from '../client/open-client'
import { maskToken } from '../config/mask-token'
import { globalArgs } from '../global-args'
import { createOutput } from '../output/output'
import { openUsers } from './_open-users'

/**
 * `traykit users token <externalUserId> [--show-token]`: a user token, valid about two days.
 * It is a secret: printed only when asked, with a warning; masked otherwise.
 */
export default defineCommand({
  args: {
    externalUserId: {
      type: 'positional',
      required: true,
      description: 'Your own id of the user (created with `traykit users create`)',
    },
    'show-token': {
      type: 'boolean',
      description: 'Print the token itself (a secret that acts as the user for two days)',
    },
    ...globalArgs,
  },
  async run({ args }) {
    const out = createOutput(args)
    const users = await openUsers(args, out)
    const issuedAt = Date.now()
    const token = await out.wait('Getting a user token', () => users.token(args.externalUserId))
    const expiresAt = new Date(issuedAt + USER_TOKEN_LIFETIME_MS).toISOString()
    const show = args['show-token'] === true
    if (!show) {
      // From here on, nothing this run prints holds it.
      registerSecret(token)
      const masked = maskToken(token)
      if (out.json)
        return out.data({ externalUserId: args.externalUserId, token: masked, expiresAt })
      out.text(`User token ${masked}, valid until about ${expiresAt}`)
      return out.note('Add --show-token to print it (it acts as this user until it expires).')
    }
    out.warn(
      'warning: this prints a user token: anyone who sees it acts as this user until it expires; ' +
        'keep it out of logs and shell history',
    )
    // Written past the redaction on purpose: this output is the secret the user asked for.
    const { stdout } = currentRun().io
    const body = out.json
      ? JSON.stringify({ externalUserId: args.externalUserId, token, expiresAt })
      : token
    stdout.write(`${body}\n`)
  },
})
