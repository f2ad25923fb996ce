export { createKvStore, type KvNamespaceLike } from './create-kv-store'
export {
  type DurableObjectLimiterOptions,
  type DurableObjectNamespaceLike,
  durableObjectLimiter,
} from './durable-object-limiter'
export {
  type DurableObjectStateLike,
  type DurableObjectStorageLike,
  TrayLimiter,
} from './tray-limiter'
