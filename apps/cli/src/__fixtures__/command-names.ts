/** Every top-level command of `traykit`, as people type them. */
export const COMMAND_NAMES = [
  'connectors',
  'operations',
  'describe',
  'call',
  'lookup',
  'environments',
  'auth',
  'users',
  'mock',
  'generate',
  'completion',
]
