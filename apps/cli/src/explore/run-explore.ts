import { CliError, EXIT, usageError } from '../cli-error'
import { currentRun } from '../cli-io'
import { createCliMock, MOCK_AUTH_ID, MOCK_TOKEN, MOCK_URL } from '../client/create-cli-mock'
import { loadSettings } from '../client/open-client'
import type { GlobalArgs } from '../global-args'
import { createOutput } from '../output/output'
import { serveFetch } from './_serve-fetch'
import { API_PREFIX, createExploreApp, createExploreSecret } from './create-explore-app'
import { openBrowser } from './open-browser'
import type { ExplorePageConfig } from './page/explore-config'
import { readPageScript } from './page-script'

/**
 * Serves the explorer on 127.0.0.1 until Ctrl-C: prints its URL (with this run's secret) and
 * opens it. The token stays in this process: the page gets the secret, never the token.
 */
export async function runExplore(
  flags: GlobalArgs,
  options: { port: number | undefined; open: boolean },
): Promise<void> {
  const out = createOutput(flags)
  const { io } = currentRun()
  const script = await readPageScript()
  let upstream: { token: string; baseUrl: string; fetch?: typeof fetch }
  let config: ExplorePageConfig
  if (flags.mock) {
    const mock = await createCliMock()
    upstream = { token: MOCK_TOKEN, baseUrl: MOCK_URL, fetch: mock.fetch }
    config = {
      mock: true,
      server: 'the built-in mock',
      apiPrefix: API_PREFIX,
      authentications: [{ id: MOCK_AUTH_ID, name: 'traykit mock authentication' }],
    }
  } else {
    const settings = await loadSettings(flags, out)
    if (!settings.token) {
      throw new CliError(
        `No Tray token for profile "${settings.profile}". Run \`traykit auth login\`, set TRAY_TOKEN, ` +
          'or add --mock to explore the built-in mock.',
        EXIT.credentials,
      )
    }
    upstream = { token: settings.token, baseUrl: settings.baseUrl }
    config = { mock: false, server: settings.baseUrl, apiPrefix: API_PREFIX, authentications: [] }
  }
  const secret = createExploreSecret()
  const app = createExploreApp({
    ...upstream,
    secret,
    script,
    config,
    onError: (error) =>
      out.warn(`explore: ${error instanceof Error ? error.message : String(error)}`),
  })
  const server = await serveFetch(app, options.port).catch((error: unknown) => {
    throw listenError(error, options.port)
  })
  const url = `${server.url}/?secret=${secret}`
  if (out.json) out.data({ url, port: server.port, secret })
  else {
    out.text(`traykit explore: ${out.colors.cyan(url)}`)
    out.note(
      `Calls go to ${config.server}. The URL holds this run's secret: share it with no one. Press Ctrl-C to stop.`,
    )
  }
  if (options.open && !(await openBrowser(url, io.env))) {
    out.note('No browser to open here: open the URL above.')
  }
  const signal = await io.untilShutdown()
  out.note(`Stopping (${signal}).`)
  await server.close()
}

/** Why the port cannot be served, and what to do. */
function listenError(error: unknown, port: number | undefined): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EADDRINUSE') {
    return usageError(
      `Cannot serve the explorer: port ${port} on 127.0.0.1 is already in use. Choose another --port, or leave it out to get a free one.`,
    )
  }
  if (code === 'EACCES') {
    return usageError(
      `Cannot serve the explorer: port ${port} on 127.0.0.1 needs privileges this user lacks. Choose a --port above 1023.`,
    )
  }
  return error
}
