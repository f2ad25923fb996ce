import { defineCommand } from 'citty'
import { version } from '../package.json'
import { globalArgs } from './global-args'
import { anyCommand, lazyCommand } from './lazy-command'

/** `traykit`: every command, each loaded only when it runs. */
export default anyCommand(
  defineCommand({
    meta: { name: 'traykit', version, description: 'Tray’s Connectors API from the terminal' },
    args: globalArgs,
    subCommands: {
      connectors: lazyCommand(
        { name: 'traykit connectors', description: 'List connectors (the latest version of each)' },
        () => import('./commands/connectors'),
      ),
      operations: lazyCommand(
        { name: 'traykit operations', description: 'List the operations of a connector version' },
        () => import('./commands/operations'),
      ),
      describe: lazyCommand(
        {
          name: 'traykit describe',
          description: 'Show an operation’s fields, lookups and an example payload',
        },
        () => import('./commands/describe'),
      ),
      call: lazyCommand(
        {
          name: 'traykit call',
          description: 'Call an operation (validated first; bills one Tray task)',
        },
        () => import('./commands/call'),
      ),
      lookup: lazyCommand(
        {
          name: 'traykit lookup',
          description: 'List the options of a lookup field (runs its DDL operation)',
        },
        () => import('./commands/lookup'),
      ),
      environments: lazyCommand(
        {
          name: 'traykit environments',
          description: 'List the environments of a service, to create authentications',
        },
        () => import('./commands/environments'),
      ),
      auth: lazyCommand(
        { name: 'traykit auth', description: 'Save, show or remove the Tray token of a profile' },
        () => import('./commands/auth'),
      ),
      mock: lazyCommand(
        { name: 'traykit mock', description: 'Serve the mock Tray API over HTTP for other tools' },
        () => import('./commands/mock'),
      ),
      completion: lazyCommand(
        {
          name: 'traykit completion',
          description: 'Print a shell completion script (bash, zsh, fish)',
        },
        () => import('./commands/completion'),
      ),
    },
  }),
)
