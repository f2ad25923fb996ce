import type { ArgsDef } from 'citty'

/**
 * The `--input` and `--set` flags of the commands that send an operation's input, so both
 * take the same forms (read by `readInput`, then `applySets`); only what the input is for differs.
 */
export function inputArgs(description: string) {
  return {
    input: { type: 'string', valueHint: 'json|@file|-', description },
    set: {
      type: 'string',
      valueHint: 'path=value',
      description: 'Set one input field, typed by the schema (repeatable)',
    },
  } as const satisfies ArgsDef
}
