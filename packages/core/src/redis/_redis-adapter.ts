/**
 * A Redis client the limiter can use: an ioredis client (`new Redis(url)`, a `Cluster` too) or
 * a node-redis client (`createClient({ url })`, v4 or later, connected). Both are optional peer
 * dependencies of `@traykit/core`; the limiter runs its scripts through the client's `eval`.
 */
export interface RedisClientLike {
  // Method syntax on purpose: both clients' `eval` overloads fit it.
  eval(...args: never[]): unknown
}

/** Runs a script with keys and arguments, through whichever client was given. */
export type RunScript = (script: string, keys: string[], args: string[]) => Promise<unknown>

/** How the limiter talks to the client it was given. */
export interface RedisAdapter {
  /** True for ioredis (which rate-limiter-flexible drives in its own way). */
  ioredis: boolean
  run: RunScript
  /** False when the client says its connection is lost, so a request fails now rather than queues. */
  ready(): boolean
}

type IoredisLike = {
  defineCommand: unknown
  status?: string
  eval(script: string, keyCount: number, ...keysAndArgs: string[]): Promise<unknown>
}
type NodeRedisLike = {
  isOpen?: boolean
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
}

/** ioredis statuses of a lost connection. */
const LOST = new Set(['reconnecting', 'close', 'end'])

/** Tells the two clients apart by what only ioredis has (`defineCommand`). */
export function adaptRedis(client: RedisClientLike): RedisAdapter {
  if (typeof client !== 'object' || client === null || typeof client.eval !== 'function') {
    throw new TypeError(
      'createRedisLimiter: redis must be an ioredis client (new Redis()) or a connected node-redis client (createClient())',
    )
  }
  if (typeof (client as Partial<IoredisLike>).defineCommand === 'function') {
    const io = client as unknown as IoredisLike
    return {
      ioredis: true,
      run: (script, keys, args) => io.eval(script, keys.length, ...keys, ...args),
      // While it connects, ioredis queues commands and the store timeout bounds the wait; once
      // the connection is lost, a request would only queue behind a reconnection.
      ready: () => !LOST.has(io.status ?? ''),
    }
  }
  const nodeRedis = client as unknown as NodeRedisLike
  return {
    ioredis: false,
    run: (script, keys, args) => nodeRedis.eval(script, { keys, arguments: args }),
    // Closed for good: commands would be refused anyway. Reconnecting: the store timeout decides.
    ready: () => nodeRedis.isOpen !== false,
  }
}
