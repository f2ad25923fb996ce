import { constants } from 'node:fs'
import { type FileHandle, lstat, mkdir, open } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { JsonObjectSchema } from '@traykit/core'
import * as v from 'valibot'
import { usageError } from '../cli-error'
import { parseJson } from '../input/parse-json'
import { checkConfigSafety, currentUid } from './check-config-safety'
import { writeFileAtomic } from './write-file-atomic'

// Where the platform lacks them (Windows), 0: nothing to refuse there.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0
const DIRECTORY = constants.O_DIRECTORY ?? 0

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

/** Whose config it is: the user id its directory and file must belong to (default: this process's). */
export interface SafetyOptions {
  uid?: number | undefined
}

/** What was read from the config file, and whether others can read it. */
export interface LoadedConfig {
  config: TraykitConfig
  /** Group or others may read the file: it should be 0600. */
  exposed: boolean
}

/**
 * Reads the config file; a missing file is an empty config, a broken one a usage error. Its
 * directory and the file itself must be safe (see `checkConfigSafety`), checked on what is
 * actually read: the file is opened without following a link and checked through the handle.
 */
export async function readConfig(
  path: string,
  { uid = currentUid() }: SafetyOptions = {},
): Promise<LoadedConfig> {
  const empty = { config: { profiles: {} }, exposed: false }
  const dir = await lstatOrUndefined(dirname(path))
  if (!dir) return empty
  checkConfigSafety(dir, dirname(path), 'directory', uid)
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return empty
    if (code === 'ELOOP') checkConfigSafety(await lstat(path), path, 'file', uid)
    throw usageError(`Cannot read the config file ${path}: ${code ?? error}`)
  }
  let text: string
  let mode: number
  try {
    const stats = await handle.stat()
    if (stats.isFile()) checkConfigSafety(stats, path, 'file', uid)
    mode = stats.mode
    text = await handle.readFile('utf8')
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error
    throw usageError(
      `Cannot read the config file ${path}: ${(error as NodeJS.ErrnoException).code}`,
    )
  } finally {
    await handle.close()
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

/**
 * Saves the config file atomically, readable by its owner only, in a directory only its owner
 * may enter. An unsafe directory is refused before anything is written; a safe one is narrowed
 * to 0700 through a handle opened without following links, so no chmod lands elsewhere.
 */
export async function saveConfig(
  path: string,
  config: TraykitConfig,
  { uid = currentUid() }: SafetyOptions = {},
): Promise<void> {
  const dir = dirname(path)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await narrowDirectory(dir, uid)
  await writeFileAtomic(path, `${JSON.stringify(config, null, 2)}\n`)
}

async function narrowDirectory(dir: string, uid: number | undefined): Promise<void> {
  checkConfigSafety(await lstat(dir), dir, 'directory', uid)
  if (process.platform === 'win32') return
  const handle = await open(dir, constants.O_RDONLY | DIRECTORY | NO_FOLLOW)
  try {
    // Checked again on what was opened: the directory may have been swapped since the lstat.
    checkConfigSafety(await handle.stat(), dir, 'directory', uid)
    await handle.chmod(0o700)
  } finally {
    await handle.close()
  }
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw usageError(
      `Cannot read the config directory ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    )
  }
}
