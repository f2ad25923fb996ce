export { createCacheApiStore } from './cache-api-store'
export { createTrayHandler } from './create-tray-handler'
export type {
  AllowMap,
  AllowPredicate,
  AuthenticationsOptions,
  AuthorizedHandlerOptions,
  CorsOptions,
  CreatedAuthentication,
  PublicHandlerOptions,
  TokenSource,
  TrayHandlerBaseOptions,
  TrayHandlerOptions,
} from './handler-options'
