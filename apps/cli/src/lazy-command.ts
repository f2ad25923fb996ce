import type { ArgsDef, CommandDef, CommandMeta } from 'citty'

const LOAD = Symbol('traykit.load')

type LazyDef = CommandDef & { [LOAD]?: () => Promise<CommandDef> }

type Loader<T extends ArgsDef> = () => Promise<{ default: CommandDef<T> }>

/**
 * A command whose name and description are known up front and whose code loads on first use,
 * so listing commands (`traykit --help`) imports none of them. citty can run it as it is.
 */
function lazyCommand<T extends ArgsDef>(meta: CommandMeta, load: Loader<T>): CommandDef {
  let loaded: Promise<CommandDef> | undefined
  const get = () => {
    loaded ??= load().then((m) => anyCommand(m.default))
    return loaded
  }
  const def: LazyDef = {
    meta,
    args: async () => (await resolve((await get()).args)) ?? {},
    subCommands: async () => (await resolve((await get()).subCommands)) ?? {},
    run: async (context) => (await get()).run?.(context),
    [LOAD]: get,
  }
  return def
}

/**
 * The subcommands of `parent`, each a `lazyCommand` listed with its description. Each is named
 * `<parent> <key>` here, so the name help and errors show cannot drift from the word typed.
 */
export function lazySubCommands<T extends Record<string, ArgsDef>>(
  parent: string,
  commands: { [K in keyof T]: [description: string, load: Loader<T[K]>] },
): Record<string, CommandDef> {
  const subCommands: Record<string, CommandDef> = {}
  for (const key in commands) {
    const [description, load] = commands[key]
    subCommands[key] = lazyCommand({ name: `${parent} ${key}`, description }, load)
  }
  return subCommands
}

/** The command itself (its code loaded), named and described as its parent lists it. */
export async function loadCommand<T extends ArgsDef>(command: CommandDef<T>): Promise<CommandDef> {
  const load = (command as LazyDef)[LOAD]
  return load ? { ...(await load()), meta: command.meta } : anyCommand(command)
}

/**
 * Forgets a command's argument types. citty types `run` by its own arguments, so a command with
 * typed arguments is not assignable to the general `CommandDef` that tree walks handle.
 */
export function anyCommand<T extends ArgsDef>(command: CommandDef<T>): CommandDef {
  return command as unknown as CommandDef
}

/** Reads one of citty's "resolvable" values: a value, a promise, or a function giving either. */
export async function resolve<T>(value: T | Promise<T> | (() => T | Promise<T>)): Promise<T> {
  return typeof value === 'function' ? (value as () => T | Promise<T>)() : value
}
