export { createCacheApiStore } from './cache-api-store'
export { createTrayHandler } from './create-tray-handler'
export type {
  AllowMap,
  AllowPredicate,
  AuthorizedHandlerOptions,
  CorsOptions,
  PublicHandlerOptions,
  TokenSource,
  TrayHandlerBaseOptions,
  TrayHandlerOptions,
} from './handler-options'
