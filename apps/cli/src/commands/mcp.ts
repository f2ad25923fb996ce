import type { AllowMap, AllowRule } from '@traykit/core/server'
import { defineCommand } from 'citty'
import { usageError } from '../cli-error'
import { currentRun, redactSecrets, redactValue } from '../cli-io'
import { openClient } from '../client/open-client'
import { globalArgs } from '../global-args'
import { createOutput } from '../output/output'

/** `traykit mcp`: an MCP server on stdin/stdout for desktop agents, until stdin ends or Ctrl-C. */
export default defineCommand({
  args: {
    allow: {
      type: 'string',
      valueHint: 'connector:operation,…',
      description: 'What the agent may call: slack:send_message,google-sheets:* (or * for all)',
    },
    mode: {
      type: 'string',
      valueHint: 'operations|discovery',
      description: 'One tool per operation (default), or search/describe/call tools',
    },
    'auth-id': {
      type: 'string',
      valueHint: 'id',
      description: 'The authentication every call runs with (the agent cannot choose another)',
    },
    ...globalArgs,
  },
  async run({ args }) {
    // stdout carries the protocol: everything else (notes, --debug) goes to stderr.
    const out = createOutput({ ...args, json: true })
    const allow = parseAllow(args.allow)
    const mode = args.mode ?? 'operations'
    if (mode !== 'operations' && mode !== 'discovery') {
      throw usageError(`--mode must be operations or discovery, got "${mode}"`)
    }
    const tray = await openClient(args, out)
    // The SDK loads only now, in its own chunk: `traykit --help` never reads it.
    const [{ createTrayMcpServer }, { StdioServerTransport }] = await Promise.all([
      import('@traykit/mcp'),
      import('@modelcontextprotocol/sdk/server/stdio.js'),
    ])
    const server = createTrayMcpServer({
      tray,
      allow,
      mode,
      authId: args['auth-id'],
      // Every registered secret (the token in use), by core's rule.
      redact: { text: redactSecrets, value: redactValue },
    })
    const { io } = currentRun()
    const stdin = io.stdin as NodeJS.ReadableStream
    const transport = new StdioServerTransport(stdin as never, io.stdout as never)
    const ended = new Promise<string>((resolve) => {
      stdin.once('end', () => resolve('end of input'))
      transport.onclose = () => resolve('closed')
    })
    await server.connect(transport)
    // Said only to a person at a terminal: an agent's stderr is often its log.
    if (io.stderr.isTTY) {
      io.stderr.write(`traykit MCP server on stdio (${mode} mode); stop with Ctrl-C.\n`)
    }
    const why = await Promise.race([ended, io.untilShutdown()])
    out.debug(`stopping (${why})`)
    await server.close()
  },
})

/** `slack:send_message,slack:send_reminder,google-sheets:*` as an allow map; `*` allows all. */
export function parseAllow(text: string | undefined): AllowRule<unknown> {
  if (text === undefined || text.trim() === '') {
    throw usageError(
      'Choose what the agent may call with --allow, such as --allow slack:send_message or ' +
        "--allow 'slack:*' (or --allow '*' for every operation): each call bills a Tray task.",
    )
  }
  if (text.trim() === '*') return () => true
  const map: Record<string, string[] | '*'> = {}
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([^:\s]+):([^:\s]+)$/.exec(item)
    if (!match) {
      throw usageError(
        `--allow takes connector:operation items, got "${item}" (such as slack:send_message)`,
      )
    }
    const [, connector, operation] = match as unknown as [string, string, string]
    const rule = map[connector]
    if (operation === '*' || rule === '*') map[connector] = '*'
    else map[connector] = [...(rule ?? []), operation]
  }
  return map as AllowMap
}
