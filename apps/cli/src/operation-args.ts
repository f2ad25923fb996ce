import type { ArgsDef } from 'citty'

/**
 * The positionals that name an operation, `<connector>[@version] <operation>`: one definition,
 * so every command that takes them shows the same usage and help.
 */
export const operationArgs = {
  connector: {
    type: 'positional',
    required: true,
    description: 'Connector name, optionally @version (default: latest)',
  },
  operation: {
    type: 'positional',
    required: true,
    description: 'Operation name (see `traykit operations`)',
  },
} as const satisfies ArgsDef
