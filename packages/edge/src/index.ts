export { createCacheApiStore } from './cache-api-store'
export { createTrayHandler } from './create-tray-handler'
export type {
  AllowMap,
  AllowPredicate,
  CorsOptions,
  TokenSource,
  TrayHandlerOptions,
} from './handler-options'
