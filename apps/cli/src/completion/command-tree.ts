import type { CommandDef } from 'citty'
import { loadCommand, resolve } from '../lazy-command'

/** The shells `traykit completion` writes scripts for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const
/** Values offered after a flag, where they are a fixed set. */
export const FLAG_VALUES: Record<string, string> = { region: 'us eu1 ap1' }
/** Values offered for a positional argument, where they are a fixed set. */
export const POSITIONAL_VALUES: Record<string, string> = { shell: SHELLS.join(' ') }
/** Flags whose value is a file path. */
export const FILE_FLAGS = ['catalog']
/** Flags whose value may be `@` and a file path (`--input @input.json`). */
export const AT_FILE_FLAGS = ['input']
/** Flags whose values `traykit __complete` finds (profile names from the config file). */
export const DYNAMIC_FLAGS = ['profile']
/** Positionals whose values `traykit __complete` finds (names from the completion cache). */
export const DYNAMIC_POSITIONALS = ['connector', 'operation']

/** What a shell needs to complete one command: its subcommands and flags. */
export interface CompletionNode {
  /** Command names from the root: `''`, `'auth'`, `'auth login'`. */
  path: string
  subCommands: { name: string; description: string }[]
  flags: { name: string; description: string; takesValue: boolean }[]
  /** The names of its positional arguments, in order: `connector`, `operation`… */
  positionals: string[]
}

/** Every command of the tree, root first, read from the command definitions themselves. */
export async function commandTree(root: CommandDef, path = ''): Promise<CompletionNode[]> {
  const command = await loadCommand(root)
  const args = await resolve(command.args ?? {})
  const subs = Object.entries((await resolve(command.subCommands)) ?? {})
  const node: CompletionNode = { path, subCommands: [], flags: [], positionals: [] }
  for (const [name, def] of Object.entries(args)) {
    if (def.type === 'positional') {
      node.positionals.push(name)
      continue
    }
    const takesValue = def.type === 'string' || def.type === 'enum'
    if (def.type === 'boolean' && def.default === true) {
      node.flags.push({
        name: `no-${name}`,
        description: def.negativeDescription ?? '',
        takesValue,
      })
    } else {
      node.flags.push({ name, description: def.description ?? '', takesValue })
    }
  }
  const children: CompletionNode[] = []
  for (const [name, sub] of subs) {
    const resolved = await resolve(sub)
    const meta = await resolve(resolved.meta ?? {})
    node.subCommands.push({ name, description: meta.description ?? '' })
    children.push(...(await commandTree(resolved, path ? `${path} ${name}` : name)))
  }
  return [node, ...children]
}
