import { chmod, readFile, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { JsonObjectSchema } from '@traykit/core'
import * as v from 'valibot'
import { usageError } from '../cli-error'
import { parseJson } from '../input/parse-json'
import { writeFileAtomic } from './write-file-atomic'

// Custom messages everywhere: valibot's defaults quote the received value, which may be a token.
// Each object is checked as one first: valibot's object schemas also take an array.
const ProfileSchema = v.pipe(
  JsonObjectSchema,
  v.looseObject({
    token: v.optional(v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'))),
    region: v.optional(v.string('must be a string')),
    apiUrl: v.optional(v.string('must be a string')),
  }),
)

const ConfigSchema = v.pipe(
  JsonObjectSchema,
  v.looseObject({
    profiles: v.optional(v.pipe(JsonObjectSchema, v.record(v.string(), ProfileSchema)), {}),
  }),
)

// valibot leaves these keys out of a record, as careful parsers do: a profile so named would be
// dropped from the file the next time it is saved.
const RESERVED_PROFILE_NAMES = new Set(['__proto__', 'constructor', 'prototype'])
const FIX_IT = 'Fix it, or delete it and run `traykit auth login`; traykit will not overwrite it.'

/** The config file: named profiles, each with a token, a region and an API URL. */
export type TraykitConfig = v.InferOutput<typeof ConfigSchema>
/** One profile of the config file. */
export type Profile = v.InferOutput<typeof ProfileSchema>

/** `$XDG_CONFIG_HOME/traykit/config.json`, by default under `~/.config`. */
export function configPath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config')
  return join(base, 'traykit', 'config.json')
}

/** What was read from the config file, and whether others can read it. */
export interface LoadedConfig {
  config: TraykitConfig
  /** Group or others may read the file: it should be 0600. */
  exposed: boolean
}

/** Reads the config file; a missing file is an empty config, a broken one a usage error. */
export async function readConfig(path: string): Promise<LoadedConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { config: { profiles: {} }, exposed: false }
    throw usageError(
      `Cannot read the config file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    )
  }
  let json: unknown
  try {
    json = parseJson(text, `The config file ${path}`)
  } catch (error) {
    throw usageError(`${(error as Error).message}. ${FIX_IT}`)
  }
  const result = v.safeParse(ConfigSchema, json)
  if (!result.success) {
    const issue = result.issues[0]
    const where = v.getDotPath(issue)
    throw usageError(
      `The config file ${path} is invalid${where ? ` at ${where}` : ''}: ${issue.message}. ${FIX_IT}`,
    )
  }
  const reserved = Object.keys((json as { profiles?: object }).profiles ?? {}).find((name) =>
    RESERVED_PROFILE_NAMES.has(name),
  )
  if (reserved !== undefined) {
    throw usageError(
      `The config file ${path} is invalid at profiles.${reserved}: "${reserved}" cannot be a profile name. ${FIX_IT}`,
    )
  }
  const { mode } = await stat(path)
  return { config: result.output, exposed: (mode & 0o077) !== 0 }
}

/** Refuses a profile name the config file cannot hold; `where` says where the name came from. */
export function checkProfileName(name: string, where: string): void {
  if (RESERVED_PROFILE_NAMES.has(name)) {
    throw usageError(`The profile name "${name}" (from ${where}) is reserved: choose another`)
  }
}

/** The profile of that name in a config, never an inherited property such as `toString`. */
export function profileOf(config: TraykitConfig, name: string): Profile | undefined {
  return Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined
}

/** Saves the config file atomically, readable by its owner only. */
export async function saveConfig(path: string, config: TraykitConfig): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(config, null, 2)}\n`)
  await chmod(dirname(path), 0o700)
}
