import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { createMemoryLimiter, DEFAULT_CLIENT_LIMITS, type RateLimits } from '../client/rate-limiter'
import { TrayOverloadedError } from '../errors/tray-overloaded-error'
import type {
  Limiter,
  LimiterAcquireOptions,
  LimiterCallOptions,
  LimiterLease,
} from '../limiter/limiter'
import { Line, type TryResult } from './_line'
import { RELEASE_SLOT_SCRIPT, TAKE_SLOT_SCRIPT, TOKEN_BUCKET_SCRIPT } from './_lua'
import { adaptRedis, type RedisClientLike } from './_redis-adapter'

/** Options of `createRedisLimiter`. */
export interface RedisLimiterOptions {
  /** An ioredis client, or a connected node-redis client (v4 or later). */
  redis: RedisClientLike
  /** The keys' prefix: one per Tray account, the same in every process, such as `tray:acme`. */
  key: string
  /**
   * The account's limits: `DEFAULT_CLIENT_LIMITS` by default (Tray's, with a margin on the
   * burst). Every process must give the same.
   */
  limits?: Partial<RateLimits> | undefined
  /**
   * What reads (every request but calls) do while Redis is down or slow. `'local'` (default):
   * each process keeps to `limits` on its own until Redis is back, so reads go on; a fleet may
   * then exceed the account's rate, and Tray's 429s are retried (a read bills nothing).
   * `'fail-closed'`: refuse them with `TrayOverloadedError`, like calls.
   */
  reads?: 'local' | 'fail-closed' | undefined
  /** Milliseconds Redis has to answer one command before it counts as down. Default 500. */
  storeTimeoutMs?: number | undefined
  /** Told of each Redis failure (for logs and alerts); the limiter has already handled it. */
  onUnavailable?: ((error: unknown) => void) | undefined
}

/** How long a caller is told to wait when Redis did not answer. */
const STORE_DOWN_RETRY_MS = 1_000
/** Polls for a call slot start this often, and slow down to `MAX_POLL_MS` while none frees. */
const MIN_POLL_MS = 5
const MAX_POLL_MS = 250

/** Redis did not answer in time, or refused: the limiter's own signal, never seen by callers. */
class StoreDown extends Error {
  constructor(cause: unknown) {
    super('the limiter store did not answer', { cause })
  }
}

/**
 * A `Limiter` on Redis, shared by every process that gives it the same `key`: one token bucket
 * (rate-limiter-flexible's RateLimiterRedis) and leased call slots, so a fleet keeps to one Tray
 * account's limits together. Calls fail closed when Redis is down or slow (`TrayOverloadedError`,
 * nothing sent); reads follow `reads`.
 */
export function createRedisLimiter(options: RedisLimiterOptions): Limiter {
  const { key, reads = 'local', storeTimeoutMs = 500, onUnavailable } = options
  if (typeof key !== 'string' || key === '') {
    throw new TypeError(
      "createRedisLimiter: key must be a non-empty string, one per Tray account, such as 'tray:acme'",
    )
  }
  if (reads !== 'local' && reads !== 'fail-closed') {
    throw new TypeError(
      `createRedisLimiter: reads must be 'local' or 'fail-closed', got ${JSON.stringify(reads)}`,
    )
  }
  if (!(storeTimeoutMs > 0) || !Number.isFinite(storeTimeoutMs)) {
    throw new RangeError('createRedisLimiter: storeTimeoutMs must be a number of ms above 0')
  }
  const limits: RateLimits = { ...DEFAULT_CLIENT_LIMITS, ...options.limits }
  // Checks the limits too; it serves reads while Redis is down (reads: 'local').
  const local = createMemoryLimiter(limits)
  const refillMs = (limits.burst / limits.requestsPerSecond) * 1000
  if (!(refillMs >= 1)) {
    throw new RangeError('createRedisLimiter: limits.burst must last at least 1 ms of the rate')
  }
  const redis = adaptRedis(options.redis)
  const bucket = new RateLimiterRedis({
    storeClient: options.redis,
    useRedisPackage: !redis.ioredis,
    keyPrefix: key,
    points: limits.burst,
    // Not seconds here: TOKEN_BUCKET_SCRIPT reads it as the ms that refill the whole bucket.
    duration: refillMs,
    customIncrTtlLuaScript: TOKEN_BUCKET_SCRIPT,
  })
  const callsKey = `${key}:calls`
  const requests = new Line()
  const calls = new Line()

  const report = (error: unknown) => {
    try {
      onUnavailable?.(error instanceof StoreDown ? error.cause : error)
    } catch {
      // A failing log hook must not turn a handled failure into another.
    }
  }

  /** One store command, bounded by `storeTimeoutMs`; `late` gets an answer that came too late. */
  function store<T>(command: () => Promise<T>, late?: (value: T) => void): Promise<T> {
    if (!redis.ready())
      return Promise.reject(new StoreDown(new Error('the connection to Redis is lost')))
    return new Promise<T>((resolve, reject) => {
      let settled = false
      const timer = setTimeout(() => {
        settled = true
        reject(new StoreDown(new Error(`Redis did not answer within ${storeTimeoutMs} ms`)))
      }, storeTimeoutMs)
      command().then(
        (value) => {
          clearTimeout(timer)
          if (settled) late?.(value)
          else resolve(value)
        },
        (error: unknown) => {
          clearTimeout(timer)
          settled = true
          // The library refuses a token with a RateLimiterRes: an answer, not a failure.
          reject(error instanceof RateLimiterRes ? error : new StoreDown(error))
        },
      )
    })
  }

  async function takeToken(): Promise<TryResult<true>> {
    try {
      await store(() => bucket.consume('requests'))
      return { granted: true }
    } catch (error) {
      if (error instanceof RateLimiterRes) return { retryInMs: Math.max(1, error.msBeforeNext) }
      throw error
    }
  }

  function releaseSlot(id: string): Promise<void> {
    return store(() => redis.run(RELEASE_SLOT_SCRIPT, [callsKey], [id])).then(
      () => {},
      // Its lease gives the slot back later.
      report,
    )
  }

  function leaseOf(id: string): LimiterLease {
    let released: Promise<void> | undefined
    return {
      release: () => {
        released ??= releaseSlot(id)
        return released
      },
    }
  }

  return {
    async acquireRequest({ signal, timeoutMs }: LimiterAcquireOptions = {}): Promise<void> {
      if (requests.busy && requests.queued >= limits.maxQueue) {
        throw overloaded(
          `${limits.maxQueue} requests of this process are waiting for a rate-limit slot (limits.maxQueue)`,
          ((requests.queued + 1) / limits.requestsPerSecond) * 1000,
        )
      }
      try {
        await requests.wait(takeToken, { signal, timeoutMs })
      } catch (error) {
        if (!(error instanceof StoreDown)) throw error
        report(error)
        if (reads === 'local') return local.acquireRequest({ signal, timeoutMs })
        throw unavailable()
      }
    },

    async acquireCall({ signal, timeoutMs, leaseMs }: LimiterCallOptions): Promise<LimiterLease> {
      if (!(leaseMs > 0) || !Number.isFinite(leaseMs)) {
        throw new RangeError('acquireCall: leaseMs must be a number of ms above 0')
      }
      if (calls.busy && calls.queued >= limits.maxQueue) {
        throw overloaded(
          `${limits.maxQueue} calls of this process are waiting for a concurrency slot (limits.maxQueue)`,
          STORE_DOWN_RETRY_MS,
        )
      }
      let pollMs = MIN_POLL_MS
      const takeSlot = async (): Promise<TryResult<string>> => {
        const id = crypto.randomUUID()
        const args = [String(limits.maxConcurrentCalls), String(Math.ceil(leaseMs)), id]
        const taken = (value: unknown) => Number(value) === 0
        const answer = await store(
          () => redis.run(TAKE_SLOT_SCRIPT, [callsKey], args),
          // Redis took the slot after this process stopped waiting: give it back now.
          (late) => taken(late) && void releaseSlot(id),
        )
        if (taken(answer)) return { granted: id }
        pollMs = Math.min(pollMs * 1.5, MAX_POLL_MS)
        return { retryInMs: Math.min(Math.max(1, Number(answer)), pollMs) }
      }
      try {
        const id = await calls.wait(takeSlot, { signal, timeoutMs }, (id) => void releaseSlot(id))
        return leaseOf(id)
      } catch (error) {
        if (!(error instanceof StoreDown)) throw error
        report(error)
        throw unavailable()
      }
    },
  }
}

function overloaded(what: string, estimateMs: number): TrayOverloadedError {
  const retryAfterMs = Math.max(1, Math.ceil(estimateMs))
  return new TrayOverloadedError(
    `The client is overloaded: ${what}; nothing was sent. Retry in about ${retryAfterMs} ms`,
    { retryAfterMs },
  )
}

function unavailable(): TrayOverloadedError {
  return new TrayOverloadedError(
    `The shared rate limiter (Redis) did not answer, so the request was refused: nothing was sent. Retry in about ${STORE_DOWN_RETRY_MS} ms`,
    { retryAfterMs: STORE_DOWN_RETRY_MS },
  )
}
