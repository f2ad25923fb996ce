import { type Connector, compareVersions } from '@traykit/core'
import { defineCommand } from 'citty'
import { openClient } from '../client/open-client'
import { rememberNames } from '../completion/completion-cache'
import { globalArgs } from '../global-args'
import { createOutput } from '../output/output'

/** `traykit connectors`: the catalog, latest versions only unless asked. */
export default defineCommand({
  args: {
    search: {
      type: 'string',
      valueHint: 'text',
      description: 'Only connectors whose name, title or description contain TEXT',
    },
    'all-versions': { type: 'boolean', description: 'List every version, not only the latest' },
    ...globalArgs,
  },
  async run({ args }) {
    const out = createOutput(args)
    const tray = await openClient(args, out)
    const all = await out.wait('Listing connectors', () => tray.listConnectors())
    // For shell completion; the mock's catalog is not the account's.
    if (!args.mock) await rememberNames(out.io.env, { connectors: all.map((c) => c.name) })
    const needle = args.search?.toLowerCase()
    const matching = all.filter(
      (c) =>
        !needle ||
        [c.name, c.title, c.description].some((text) => text.toLowerCase().includes(needle)),
    )
    const elements = (args['all-versions'] ? matching : latestOnly(matching)).sort(
      (a, b) => a.name.localeCompare(b.name) || compareVersions(b.version, a.version),
    )
    if (out.json) return out.data({ elements })
    if (elements.length === 0) {
      return out.note(args.search ? `No connector matches "${args.search}".` : 'No connectors.')
    }
    out.table(
      [
        { header: 'NAME', value: (c: Connector) => out.colors.cyan(c.name) },
        { header: 'VERSION', value: (c) => c.version },
        { header: 'TITLE', value: (c) => c.title },
        { header: 'SERVICE', value: (c) => `${c.service.name}@${c.service.version}` },
        { header: 'DESCRIPTION', value: (c) => c.description },
      ],
      elements,
    )
  },
})

function latestOnly(connectors: Connector[]): Connector[] {
  const latest = new Map<string, Connector>()
  for (const c of connectors) {
    const seen = latest.get(c.name)
    if (!seen || compareVersions(c.version, seen.version) > 0) latest.set(c.name, c)
  }
  return [...latest.values()]
}
