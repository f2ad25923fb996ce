import { ECHO_CHANNEL } from './echoing-tray'
import { AUTH_ID, TOKEN } from './secret-token'

/** A run of the bin, and the exit code it must end with. */
export interface Run {
  what: string
  args: string[]
  env: Record<string, string>
  stdin?: string
  /** Run in a pseudo-terminal this many columns wide, as a person would. */
  terminal?: number
  code: number
}

/** The servers the runs talk to. */
export interface Servers {
  /** The echoing mock, with a failure on each of some routes. */
  url: string
  /** A mock whose connector list quotes the token. */
  echoingUrl: string
  /** A mock that rejects the token (401). */
  rejectingUrl: string
  /** A port nothing listens on. */
  closedUrl: string
}

export const SEND = ['call', 'slack@9.1', 'send_message']
export const GOOD_INPUT = ['--set', 'channel=C1', '--set', 'text=hi']
const ECHO_INPUT = ['--set', `channel=${ECHO_CHANNEL}`, '--set', 'text=hi']

/** `--api-url` and `--debug`: every run shows its requests. */
export const api = (server: string) => ['--api-url', server, '--debug']

/**
 * Every command with the token from TRAY_TOKEN: answered, refused before sending, failing
 * upstream in each way, piped (JSON) and in a terminal (tables, text, a spinner).
 */
export function runsWithTheTokenInTheEnvironment(servers: Servers): Omit<Run, 'env'>[] {
  const { url, echoingUrl, rejectingUrl, closedUrl } = servers
  return [
    { what: 'connectors', args: ['connectors', ...api(url)], code: 0 },
    { what: 'operations', args: ['operations', 'slack', ...api(url)], code: 0 },
    { what: 'describe', args: ['describe', 'slack@9.1', 'send_message', ...api(url)], code: 0 },
    { what: 'a call', args: [...SEND, ...GOOD_INPUT, ...api(url)], code: 0 },
    {
      what: 'a call whose third party echoes the Authorization header',
      args: [...SEND, ...ECHO_INPUT, ...api(url)],
      code: 1,
    },
    {
      what: 'an invalid input holding the token',
      args: [...SEND, '--set', 'text=hi', '--set', `api_key=${TOKEN}`, ...api(url)],
      code: 2,
    },
    {
      what: 'a dry run of an input holding the token',
      args: [...SEND, '--dry-run', '--set', 'channel=C1', '--set', `text=${TOKEN}`, ...api(url)],
      code: 0,
    },
    {
      what: 'the token given as --auth-id',
      args: [...SEND, ...GOOD_INPUT, '--auth-id', TOKEN, ...api(url)],
      code: 2,
    },
    {
      what: 'a call whose connection drops',
      args: [
        ...['call', 'salesforce@8.6', 'get_record', '--auth-id', AUTH_ID],
        ...['--set', 'object_type=Account', '--set', 'record_id=001', ...api(url)],
      ],
      code: 1,
    },
    {
      what: 'a lookup',
      args: [
        ...['lookup', 'slack@9.1', 'send_message', 'channel', '--auth-id', AUTH_ID],
        ...['--set', 'workspace_id=T0000ACME', ...api(url)],
      ],
      code: 0,
    },
    { what: 'environments', args: ['environments', 'slack@4', ...api(url)], code: 0 },
    { what: 'a 500 echoing the header', args: ['environments', 'shopify@4', ...api(url)], code: 1 },
    { what: 'a 429 echoing the header', args: ['environments', 'twilio@1', ...api(url)], code: 1 },
    {
      what: 'a 403 page echoing the header',
      args: ['environments', 'google-sheets@8', ...api(url)],
      code: 1,
    },
    {
      what: 'a body of the wrong shape holding the token',
      args: ['operations', 'shopify', ...api(url)],
      code: 1,
    },
    { what: 'a catalog echoing the token', args: ['connectors', ...api(echoingUrl)], code: 0 },
    { what: 'a token Tray rejects (401)', args: ['connectors', ...api(rejectingUrl)], code: 3 },
    { what: 'a refused connection', args: ['connectors', ...api(closedUrl)], code: 1 },
    {
      what: 'a table cut to the terminal, of a catalog echoing the token',
      args: ['connectors', '--api-url', echoingUrl],
      terminal: 70,
      code: 0,
    },
    { what: 'a call', args: [...SEND, ...GOOD_INPUT, '--api-url', url], terminal: 100, code: 0 },
    {
      what: 'a call whose third party echoes the Authorization header',
      args: [...SEND, ...ECHO_INPUT, '--api-url', url],
      terminal: 100,
      code: 1,
    },
    {
      what: 'describe',
      args: ['describe', 'slack', 'send_message', '--api-url', url],
      terminal: 100,
      code: 0,
    },
  ]
}
