// Lua scripts the Redis limiter runs. Redis runs each one atomically, and each reads the time
// from Redis itself (TIME), so every process of a fleet shares one clock whatever its own says.

/**
 * A token bucket as GCRA (one timestamp per bucket: when it is next full), run through
 * rate-limiter-flexible's RateLimiterRedis in place of its fixed window. A fixed window of 30
 * per second lets 30 go at the end of one second and 30 more at the start of the next: 60 at
 * once, which Tray's bucket (burst 50) answers with 429s.
 *
 * KEYS[1]: the bucket. ARGV[1]: tokens to take. ARGV[3]: the burst (the limiter's `points`).
 * ARGV[4]: the limiter's `duration`, set to the milliseconds that refill the whole bucket.
 * Returns `{ consumed, ms }` as the library reads it: `consumed` above the burst refuses,
 * `ms` is then the wait until the tokens are there.
 */
export const TOKEN_BUCKET_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local burst = tonumber(ARGV[3])
local interval = tonumber(ARGV[4]) / burst
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local full = tat + interval * tonumber(ARGV[1])
local allowed_at = full - burst * interval
if allowed_at > now then
  return { burst + 1, math.max(1, math.ceil(allowed_at - now)) }
end
redis.call('SET', KEYS[1], string.format('%.3f', full), 'PX', math.ceil(full - now) + 1)
return { math.min(burst, math.ceil((full - now) / interval)), math.ceil(full - now) }
`

/**
 * Takes a call slot: a member of a sorted set scored by its lease's expiry. Expired leases are
 * dropped first, so a holder that died gives its slot back once its lease has run out.
 *
 * KEYS[1]: the set. ARGV[1]: the most slots. ARGV[2]: the lease in ms. ARGV[3]: the lease id.
 * Returns 0 when the slot is taken, else the ms until the first lease runs out (a hint only:
 * a release usually comes sooner).
 */
export const TAKE_SLOT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  local lease = tonumber(ARGV[2])
  redis.call('ZADD', KEYS[1], now + lease, ARGV[3])
  if redis.call('PTTL', KEYS[1]) < lease then redis.call('PEXPIRE', KEYS[1], lease) end
  return 0
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(first[2]) - now)
`

/** Gives a call slot back. KEYS[1]: the set. ARGV[1]: the lease id. */
export const RELEASE_SLOT_SCRIPT = `return redis.call('ZREM', KEYS[1], ARGV[1])`
