import { suggest } from '@traykit/core'
import type { ArgDef, ArgsDef, CommandDef } from 'citty'
import { usageError } from './cli-error'
import { loadCommand, resolve } from './lazy-command'

/** What a command line asks for, checked against the commands and their flags. */
export interface Invocation {
  /** The command to run or describe, its code loaded. */
  command: CommandDef
  /** Its full name, such as `traykit auth login`. */
  name: string
  /** The command line for citty: command names first, then every flag (`--name=value`) and argument. */
  rawArgs: string[]
  help: boolean
  version: boolean
}

/**
 * Walks the command line to the command it names, wherever the global flags sit, and refuses
 * unknown commands, unknown flags and extra arguments with the nearest match suggested.
 */
export async function resolveInvocation(root: CommandDef, rawArgs: string[]): Promise<Invocation> {
  let command = root
  const path: string[] = []
  const rest: string[] = []
  let args = await resolve(command.args ?? {})
  for (let i = 0; i < rawArgs.length; i++) {
    const token = rawArgs[i]!
    if (token === '--') {
      rest.push(...rawArgs.slice(i))
      break
    }
    if (isFlag(token)) {
      const value = rawArgs[i + 1]
      if (takesValue(token, args) && value !== undefined && !value.startsWith('--')) {
        i++
        // One token, `--set=-x=1`: citty also parses the line for the parent command, which
        // does not know the flag and reads a separate value starting with `-` as flags (`-_`
        // crashed it).
        rest.push(...(token.startsWith('--') ? [`${token}=${value}`] : [token, value]))
      } else {
        rest.push(token)
      }
      continue
    }
    const subCommands = await resolve(command.subCommands)
    if (!subCommands || Object.keys(subCommands).length === 0) {
      rest.push(token)
      continue
    }
    const sub = subCommands[token]
    if (!sub) throw unknownCommand(token, nameOf(path), Object.keys(subCommands))
    command = await loadCommand(await resolve(sub))
    args = await resolve(command.args ?? {})
    path.push(token)
  }
  const name = nameOf(path)
  const flags = rest.slice(0, rest.includes('--') ? rest.indexOf('--') : undefined)
  const help = flags.includes('--help') || flags.includes('-h')
  const version = path.length === 0 && (flags.includes('--version') || flags.includes('-v'))
  if (!help && !version) checkArguments(rest, args, name)
  return { command, name, rawArgs: [...path, ...rest], help, version }
}

function nameOf(path: string[]): string {
  return ['traykit', ...path].join(' ')
}

/** The word is a flag (`-h`, `--json`, `--set=a=1`), not an argument; `-` alone is stdin. */
export function isFlag(token: string): boolean {
  return token.startsWith('-') && token !== '-'
}

/** The flag takes the next word as its value (`--profile work`), per the command's arguments. */
export function takesValue(token: string, args: ArgsDef): boolean {
  if (token.includes('=')) return false
  const def = findFlag(token.replace(/^--?/, ''), args)
  return def?.type === 'string' || def?.type === 'enum'
}

/** The definition a flag name refers to: its name, kebab or camel spelling, or an alias. */
function findFlag(name: string, args: ArgsDef): ArgDef | undefined {
  for (const [key, def] of Object.entries(args)) {
    if (def.type === 'positional') continue
    const aliases = 'alias' in def && def.alias !== undefined ? [def.alias].flat() : []
    if (spellings(key).includes(name) || aliases.includes(name)) return def
  }
  return undefined
}

function spellings(key: string): string[] {
  const kebab = key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
  const camel = kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  return [key, kebab, camel]
}

function checkArguments(tokens: string[], args: ArgsDef, name: string): void {
  const positionals = Object.values(args).filter((def) => def.type === 'positional').length
  // A positional whose value hint ends in `…` takes any number of words (`generate types a b`).
  const variadic = Object.values(args).some(
    (def) => def.type === 'positional' && def.valueHint?.endsWith('…'),
  )
  let count = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token === '--') {
      count += tokens.length - i - 1
      break
    }
    if (!isFlag(token)) {
      if (++count > positionals && !variadic) {
        throw usageError(
          `Unexpected argument "${token}" for ${name}. Run \`${name} --help\` for its usage.`,
        )
      }
      continue
    }
    const flag = token.replace(/^--?/, '').split('=')[0]!
    const negated = flag.startsWith('no-') ? findFlag(flag.slice(3), args) : undefined
    const def = findFlag(flag, args) ?? (negated?.type === 'boolean' ? negated : undefined)
    if (!def) throw unknownFlag(token.split('=')[0]!, args, name)
    if ((def.type === 'string' || def.type === 'enum') && !token.includes('=')) {
      const value = tokens[i + 1]
      if (value === undefined || value.startsWith('--')) throw usageError(`${token} needs a value.`)
      i++
    }
  }
}

function unknownCommand(token: string, parent: string, names: string[]) {
  const near = suggest(token, names)
  return usageError(
    `Unknown command "${token}" for ${parent}.${near ? ` Did you mean "${near}"?` : ''} ` +
      `Run \`${parent} --help\` for the commands.`,
  )
}

function unknownFlag(token: string, args: ArgsDef, name: string) {
  const names = Object.entries(args)
    .filter(([, def]) => def.type !== 'positional')
    .map(([key]) => `--${spellings(key)[1]}`)
  const near = suggest(token, [...names, '--help'])
  return usageError(
    `Unknown flag ${token} for ${name}.${near ? ` Did you mean ${near}?` : ''} ` +
      `Run \`${name} --help\` for its flags.`,
  )
}
