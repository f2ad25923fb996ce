import { defineCommand } from 'citty'
import { usageError } from '../cli-error'
import { globalArgs } from '../global-args'

/** `traykit explore`: a local web page to browse the catalog, fill forms and run calls. */
export default defineCommand({
  args: {
    port: {
      type: 'string',
      valueHint: 'n',
      description: 'Port on 127.0.0.1 (default: a free one)',
    },
    open: {
      type: 'boolean',
      default: true,
      description: 'Open the page in a browser (when there is a display)',
      negativeDescription: 'Only print the page’s URL',
    },
    ...globalArgs,
  },
  async run({ args }) {
    const port = parsePort(args.port)
    // The server, the edge handler and Hono load only when the explorer runs.
    const { runExplore } = await import('../explore/run-explore')
    await runExplore(args, { port, open: args.open !== false })
  },
})

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65_535)
    throw usageError(`--port must be a port number (0-65535), got "${text}"`)
  return port
}
