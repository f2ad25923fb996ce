import type { JsonObject } from '@traykit/core/client'

/** One call, as the page's snippets write it. */
export interface CallDescription {
  connector: string
  version: string
  operation: string
  input: JsonObject
  authId?: string | undefined
}

/** Where the snippets point: the page's own edge URL and secret, and whether this is the mock. */
export interface SnippetContext {
  /** The edge handler's base URL, `http://127.0.0.1:<port>/tray`. */
  apiUrl: string
  /** This run's secret, the bearer of the edge handler (not a Tray token). */
  secret: string
  mock: boolean
}

/** The call with `@traykit/core`, against Tray with the token of `TRAY_TOKEN`. */
export function typescriptSnippet(call: CallDescription, context: SnippetContext): string {
  const payload = [
    `  operation: ${JSON.stringify(call.operation)},`,
    ...(call.authId ? [`  authId: ${JSON.stringify(call.authId)},`] : []),
    `  input: ${indent(JSON.stringify(call.input, null, 2), '  ')},`,
  ]
  return [
    "import { createTrayClient } from '@traykit/core'",
    '',
    ...(context.mock
      ? ['// This page runs against the built-in mock; this code runs against Tray.']
      : []),
    'const tray = createTrayClient({ token: process.env.TRAY_TOKEN })',
    '// Validated against the operation first; bills one Tray task.',
    `const output = await tray.callConnector(${JSON.stringify(call.connector)}, ${JSON.stringify(call.version)}, {`,
    ...payload,
    '})',
    'console.log(output)',
    '',
  ].join('\n')
}

/** The call with curl, against this page's edge handler (its secret is the bearer). */
export function curlSnippet(call: CallDescription, context: SnippetContext): string {
  const url =
    `${context.apiUrl}/core/v1/connectors/${encodeURIComponent(call.connector)}` +
    `/versions/${encodeURIComponent(call.version)}/call`
  const body = JSON.stringify({
    operation: call.operation,
    ...(call.authId ? { authId: call.authId } : {}),
    input: call.input,
  })
  return [
    `curl -sS ${shellQuote(url)} \\`,
    `  -H ${shellQuote(`authorization: Bearer ${context.secret}`)} \\`,
    "  -H 'content-type: application/json' \\",
    `  --data ${shellQuote(body)}`,
    '',
  ].join('\n')
}

/** The call as a `traykit call` command line. */
export function cliSnippet(call: CallDescription, context: SnippetContext): string {
  const words = [
    'traykit',
    'call',
    shellQuote(`${call.connector}@${call.version}`),
    shellQuote(call.operation),
    '--input',
    shellQuote(JSON.stringify(call.input)),
  ]
  if (call.authId) words.push('--auth-id', shellQuote(call.authId))
  if (context.mock) words.push('--mock')
  return `${words.join(' ')}\n`
}

/** A word for a POSIX shell: as it is when plainly safe, else single-quoted. */
export function shellQuote(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text
  return `'${text.replace(/'/g, `'\\''`)}'`
}

function indent(text: string, by: string): string {
  return text.replace(/\n/g, `\n${by}`)
}
