// @traykit/core/redis: a Limiter on Redis, so a fleet of Node processes keeps to one Tray
// account's limits together. Node only; ioredis or redis (node-redis) is an optional peer.

export type { RedisClientLike } from './redis/_redis-adapter'
export { createRedisLimiter, type RedisLimiterOptions } from './redis/create-redis-limiter'
