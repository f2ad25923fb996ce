import type { ServiceEnvironment } from '@traykit/core'
import { defineCommand } from 'citty'
import { parseServiceRef } from '../client/connector-ref'
import { openClient } from '../client/open-client'
import { globalArgs } from '../global-args'
import { createOutput } from '../output/output'

/** `traykit environments <service>@<serviceVersion>`: what `createAuthentication` needs. */
export default defineCommand({
  args: {
    service: {
      type: 'positional',
      required: true,
      description: 'Service and its integer version, such as slack@4',
    },
    ...globalArgs,
  },
  async run({ args }) {
    const out = createOutput(args)
    const { service, version } = parseServiceRef(args.service)
    const tray = await openClient(args, out)
    const elements = await out.wait('Listing environments', () =>
      tray.listServiceEnvironments(service, version),
    )
    if (out.json) return out.data({ elements })
    if (elements.length === 0) return out.note(`${service}@${version} has no service environments.`)
    out.table(
      [
        { header: 'ID', value: (e: ServiceEnvironment) => out.colors.cyan(e.id) },
        { header: 'TITLE', value: (e) => e.title },
        { header: 'AUTH TYPE', value: (e) => e.authenticationType },
        { header: 'SCOPES', value: (e) => e.scopes.map(scopeName).join(' ') },
      ],
      elements,
    )
  },
})

/** A scope as people know it: Tray lists scopes as strings or as objects with a `scope` name. */
function scopeName(scope: unknown): string {
  if (typeof scope === 'string') return scope
  const name = (scope as { scope?: unknown } | null)?.scope
  return typeof name === 'string' ? name : JSON.stringify(scope)
}
