import type { ArgsDef, ParsedArgs } from 'citty'

/** Flags every command accepts, before or after the command's name. */
export const globalArgs = {
  json: {
    type: 'boolean',
    description: 'Print one JSON document (the default when stdout is not a terminal)',
  },
  region: { type: 'string', valueHint: 'us|eu1|ap1', description: 'Tray region (or TRAY_REGION)' },
  'api-url': {
    type: 'string',
    valueHint: 'url',
    description: 'Another server speaking Tray’s API (or TRAY_API_URL)',
  },
  profile: {
    type: 'string',
    valueHint: 'name',
    description: 'Profile of the config file to use (or TRAY_PROFILE)',
  },
  token: {
    type: 'string',
    valueHint: 'token',
    description: 'Tray token; visible in ps, prefer TRAY_TOKEN or auth login',
  },
  insecure: {
    type: 'boolean',
    description: 'Allow an http:// API URL off this machine (the token travels in clear text)',
  },
  mock: { type: 'boolean', description: 'Run against the built-in mock: no account, no network' },
  debug: { type: 'boolean', description: 'Print requests and timings on stderr (token redacted)' },
  color: {
    type: 'boolean',
    default: true,
    description: 'Colour tables on a terminal (off with NO_COLOR)',
    negativeDescription: 'Never colour the output',
  },
} as const satisfies ArgsDef

/** The parsed global flags. */
export type GlobalArgs = ParsedArgs<typeof globalArgs>
