import { defineCommand } from 'citty'
import { version } from '../package.json'
import { globalArgs } from './global-args'
import { anyCommand, lazySubCommands } from './lazy-command'

/** `traykit`: every command, each loaded only when it runs. */
export default anyCommand(
  defineCommand({
    meta: { name: 'traykit', version, description: 'Tray’s Connectors API from the terminal' },
    args: globalArgs,
    subCommands: lazySubCommands('traykit', {
      connectors: [
        'List connectors (the latest version of each)',
        () => import('./commands/connectors'),
      ],
      operations: [
        'List the operations of a connector version',
        () => import('./commands/operations'),
      ],
      describe: [
        'Show an operation’s fields, lookups and an example payload',
        () => import('./commands/describe'),
      ],
      call: [
        'Call an operation (validated first; bills one Tray task)',
        () => import('./commands/call'),
      ],
      lookup: [
        'List the options of a lookup field (runs its DDL operation)',
        () => import('./commands/lookup'),
      ],
      environments: [
        'List the environments of a service, to create authentications',
        () => import('./commands/environments'),
      ],
      auth: ['Save, show or remove the Tray token of a profile', () => import('./commands/auth')],
      users: [
        'List or create end users, or get a user token (master token)',
        () => import('./commands/users'),
      ],
      mock: ['Serve the mock Tray API over HTTP for other tools', () => import('./commands/mock')],
      generate: [
        'Generate TypeScript types of operations (generate types)',
        () => import('./commands/generate'),
      ],
      mcp: [
        'Serve allowed operations as MCP tools to an AI agent, on stdio',
        () => import('./commands/mcp'),
      ],
      explore: [
        'Browse the catalog, fill forms and run calls in a local web page',
        () => import('./commands/explore'),
      ],
      completion: [
        'Print a shell completion script (bash, zsh, fish)',
        () => import('./commands/completion'),
      ],
    }),
  }),
)
