import type { ArgsDef, CommandDef } from 'citty'
import { parseConnectorRef } from '../client/connector-ref'
import { configPath, readConfig } from '../config/config-file'
import { loadCommand, resolve } from '../lazy-command'
import { isFlag, takesValue } from '../resolve-invocation'
import { FLAG_VALUES, POSITIONAL_VALUES } from './command-tree'
import { readCompletionCache } from './completion-cache'

/**
 * What a shell may offer for the last of `words` (the command line after `traykit`, the word
 * being completed last): connector and operation names from the completion cache, profile names
 * from the config file, and fixed sets. Reads local files only: no network, no prompt, no bill.
 */
export async function completeWords(
  root: CommandDef,
  words: string[],
  env: Record<string, string | undefined>,
): Promise<string[]> {
  const current = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  let command = await loadCommand(root)
  let args: ArgsDef = await resolve(command.args ?? {})
  const positionals: string[] = []
  let flag: string | undefined
  for (let i = 0; i < before.length; i++) {
    const word = before[i]!
    if (isFlag(word)) {
      if (takesValue(word, args)) {
        if (i === before.length - 1) flag = word.replace(/^--?/, '')
        i++
      }
      continue
    }
    const subCommands = positionals.length === 0 ? await resolve(command.subCommands) : undefined
    const sub = subCommands && Object.hasOwn(subCommands, word) ? subCommands[word] : undefined
    if (sub) {
      command = await loadCommand(await resolve(sub))
      args = await resolve(command.args ?? {})
    } else positionals.push(word)
  }
  const matching = (names: Iterable<string>) => [...names].filter((n) => n.startsWith(current))
  if (flag === 'profile') return matching(await profileNames(env))
  if (flag !== undefined) return matching(FLAG_VALUES[flag]?.split(' ') ?? [])
  if (isFlag(current)) return []
  const names = Object.entries(args)
    .filter(([, def]) => def.type === 'positional')
    .map(([name]) => name)
  const positional = names[positionals.length]
  if (positional === undefined) return []
  const fixed = POSITIONAL_VALUES[positional]
  if (fixed !== undefined) return matching(fixed.split(' '))
  if (positional !== 'connector' && positional !== 'operation') return []
  const cache = await readCompletionCache(env)
  if (positional === 'connector') return matching(cache.connectors)
  const connector = connectorName(positionals[0])
  return connector === undefined ? [] : matching(cache.operations[connector] ?? [])
}

function connectorName(text: string | undefined): string | undefined {
  try {
    return text === undefined ? undefined : parseConnectorRef(text).name
  } catch {
    return undefined
  }
}

/** The config file's profile names; none when it cannot be read (or is refused as unsafe). */
async function profileNames(env: Record<string, string | undefined>): Promise<string[]> {
  try {
    return Object.keys((await readConfig(configPath(env))).config.profiles)
  } catch {
    return []
  }
}
