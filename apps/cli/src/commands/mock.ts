import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { usageError } from '../cli-error'
import { currentRun } from '../cli-io'
import { createCliMock, MOCK_AUTH_ID, MOCK_TOKEN } from '../client/create-cli-mock'
import { globalArgs } from '../global-args'
import { parseJson } from '../input/parse-json'
import { createOutput } from '../output/output'

/** `traykit mock`: the mock Tray API over HTTP until Ctrl-C. */
export default defineCommand({
  args: {
    port: {
      type: 'string',
      valueHint: 'n',
      description: 'Port on 127.0.0.1 (default: a free one)',
    },
    catalog: {
      type: 'string',
      valueHint: 'file',
      description: 'Serve the connectors of this catalog JSON file',
    },
    ...globalArgs,
  },
  async run({ args }) {
    const out = createOutput(args)
    const { io } = currentRun()
    const port = parsePort(args.port)
    const catalog =
      args.catalog === undefined
        ? undefined
        : await readCatalog(resolve(io.cwd, args.catalog), args.catalog)
    const { listen } = await import('@traykit/testing/node')
    let mock: Awaited<ReturnType<typeof createCliMock>>
    try {
      mock = await createCliMock(catalog)
    } catch (error) {
      if (error instanceof Error && error.name === 'MockCatalogError') {
        throw usageError(`--catalog ${args.catalog}: ${error.message}`)
      }
      throw error
    }
    const server = await listen(mock, port).catch((error: unknown) => {
      throw listenError(error, port)
    })
    const started = { url: server.url, token: MOCK_TOKEN, authId: MOCK_AUTH_ID }
    if (out.json) out.data(started)
    else {
      out.text(`Mock Tray API listening on ${out.colors.cyan(server.url)}`)
      out.text(
        `Point traykit or @traykit/core at it:\n  export TRAY_API_URL=${server.url}\n  export TRAY_TOKEN=${MOCK_TOKEN}\n` +
          `An authentication it knows, for --auth-id: ${MOCK_AUTH_ID}`,
      )
      out.note('Press Ctrl-C to stop.')
    }
    const signal = await io.untilShutdown()
    out.note(`Stopping (${signal}).`)
    await server.close()
  },
})

/** Why the port cannot be served, and what to do: the bare EADDRINUSE said neither. */
function listenError(error: unknown, port: number | undefined): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const where = `port ${port} on 127.0.0.1`
  if (code === 'EADDRINUSE') {
    return usageError(
      `Cannot serve the mock: ${where} is already in use (another \`traykit mock\`?). Stop what ` +
        'listens there, choose another --port, or leave --port out to get a free one.',
    )
  }
  if (code === 'EACCES') {
    return usageError(
      `Cannot serve the mock: ${where} needs privileges this user lacks. Choose a --port ` +
        'above 1023, or leave --port out to get a free one.',
    )
  }
  return error
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65_535)
    throw usageError(`--port must be a port number (0-65535), got "${text}"`)
  return port
}

async function readCatalog(path: string, shown: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw usageError(
      `Cannot read --catalog file ${shown}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    )
  }
  return parseJson(text, `--catalog file ${shown}`)
}
