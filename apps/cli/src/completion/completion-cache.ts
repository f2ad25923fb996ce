import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { writeFileAtomic } from '../config/write-file-atomic'

/**
 * The names shell completion offers: what the shell prints is only ever these, so anything a
 * shell would expand (`$`, `*`, quotes, spaces) is never recorded nor read back.
 */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/
const MAX_CONNECTORS = 5000
const MAX_OPERATIONS = 1000

/** Connector names, and each connector's operation names (all versions), seen on any server. */
export interface CompletionCache {
  connectors: string[]
  operations: Record<string, string[]>
}

/** `$XDG_CACHE_HOME/traykit/completion.json`, by default under `~/.cache`. */
export function completionCachePath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache')
  return join(base, 'traykit', 'completion.json')
}

/** The cached names; a missing or unreadable cache is an empty one. */
export async function readCompletionCache(
  env: Record<string, string | undefined>,
): Promise<CompletionCache> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(completionCachePath(env), 'utf8'))
  } catch {
    return { connectors: [], operations: {} }
  }
  const given = (json ?? {}) as { connectors?: unknown; operations?: unknown }
  const operations: Record<string, string[]> = Object.create(null)
  if (typeof given.operations === 'object' && given.operations !== null) {
    for (const [name, list] of Object.entries(given.operations)) {
      if (SAFE_NAME.test(name)) operations[name] = safeNames(list, MAX_OPERATIONS)
    }
  }
  return { connectors: safeNames(given.connectors, MAX_CONNECTORS), operations }
}

/**
 * Adds names to the cache for shell completion, keeping what it had. Best effort: a cache that
 * cannot be written costs completion, never the command.
 */
export async function rememberNames(
  env: Record<string, string | undefined>,
  names: { connectors?: string[]; operations?: [connector: string, names: string[]] },
): Promise<void> {
  try {
    const cache = await readCompletionCache(env)
    const added = [...(names.connectors ?? [])]
    if (names.operations && SAFE_NAME.test(names.operations[0])) {
      const [connector, list] = names.operations
      cache.operations[connector] = merge(cache.operations[connector] ?? [], list, MAX_OPERATIONS)
      added.push(connector)
    }
    const body = {
      connectors: merge(cache.connectors, added, MAX_CONNECTORS),
      operations: Object.fromEntries(Object.entries(cache.operations)),
    }
    await writeFileAtomic(completionCachePath(env), `${JSON.stringify(body)}\n`)
  } catch {
    // Completion is a convenience: a read-only home or a full disk must not fail the command.
  }
}

function safeNames(list: unknown, max: number): string[] {
  if (!Array.isArray(list)) return []
  return merge(
    [],
    list.filter((name): name is string => typeof name === 'string'),
    max,
  )
}

function merge(old: string[], added: string[], max: number): string[] {
  const names = new Set(old)
  for (const name of added) if (SAFE_NAME.test(name) && names.size < max) names.add(name)
  return [...names].sort()
}
