import type { Operation } from '@traykit/core'
import { defineCommand } from 'citty'
import { parseConnectorRef } from '../client/connector-ref'
import { openClient } from '../client/open-client'
import { readConnector } from '../client/read-operation'
import { rememberNames } from '../completion/completion-cache'
import { globalArgs } from '../global-args'
import { operationArgs } from '../operation-args'
import { createOutput } from '../output/output'

/** `traykit operations <connector>[@version]`. */
export default defineCommand({
  args: { connector: operationArgs.connector, ...globalArgs },
  async run({ args }) {
    const out = createOutput(args)
    const ref = parseConnectorRef(args.connector)
    const tray = await openClient(args, out)
    const { connector, elements } = await out.wait('Listing operations', async () => {
      const connector = await readConnector(tray, ref)
      return { connector, elements: await tray.listOperations(connector.name, connector.version) }
    })
    if (!args.mock) {
      await rememberNames(out.io.env, {
        operations: [connector.name, elements.map((op) => op.name)],
      })
    }
    if (out.json) return out.data({ elements })
    out.text(
      out.colors.bold(
        `${connector.title} (${connector.name}@${connector.version}): ${elements.length} operations`,
      ),
    )
    out.table(
      [
        { header: 'NAME', value: (op: Operation) => out.colors.cyan(op.name) },
        { header: 'TITLE', value: (op) => op.title },
        { header: 'OUTPUT', value: (op) => (op.hasDynamicOutput ? 'dynamic' : 'static') },
        { header: 'DESCRIPTION', value: (op) => op.description },
      ],
      elements,
    )
  },
})
