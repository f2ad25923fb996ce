export { createKvStore, type KvNamespaceLike } from './create-kv-store'
