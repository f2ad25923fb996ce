// The root keeps every export of 0.x: the subpaths' functions, and a createTrayClient with the
// methods that moved (deprecated). Importing it makes esbuild load the validator with the page:
// `@traykit/core/client` is the lean path.

// What the lean client loads on first use (a first failure, a first response) is loaded with
// the root at once: a first load is real I/O, which a test driving fake timers never waits for,
// and a server has no first download to save.
import './client/_failures'
import './client/_limiter-queue'
import './client/_shapes'
import './client/_validator'

export {
  createTrayClient,
  type TrayClient,
  type TrayClientDeprecatedMethods,
} from './_root-client'
export * from './admin'
export type { ClientHooks } from './client/_transport'
export { type CacheStore, createMemoryStore } from './client/cache-store'
export type { CatalogCacheOptions } from './client/catalog-cache'
export type { CallOptions, RequestOptions, TrayClientOptions } from './client/client-options'
export { compareVersions } from './client/compare-versions'
export { parseCallPayload } from './client/parse-call-payload'
export {
  createMemoryLimiter,
  DEFAULT_CLIENT_LIMITS,
  type RateLimits,
  TRAY_RATE_LIMITS,
} from './client/rate-limiter'
export {
  createRedactor,
  MIN_SECRET_FRAGMENT,
  MIN_SECRET_LENGTH,
  type Redactor,
} from './client/redactor'
export { isTrayRegion, TRAY_REGIONS, type TrayRegion } from './client/regions'
export {
  createApiError,
  TrayApiError,
  type TrayApiErrorInit,
  TrayAuthenticationError,
  TrayBadRequestError,
  TrayNotFoundError,
  TrayPermissionError,
  TrayRateLimitError,
  TrayServerError,
} from './errors/tray-api-error'
export { TrayConnectorError } from './errors/tray-connector-error'
export { TrayError } from './errors/tray-error'
export { TrayOverloadedError } from './errors/tray-overloaded-error'
export { TrayResponseTooLargeError } from './errors/tray-response-too-large-error'
export {
  TrayAbortError,
  TrayConnectionError,
  TrayResponseError,
  TrayTimeoutError,
} from './errors/tray-transport-errors'
export {
  TrayValidationError,
  type TrayValidationErrorServerInit,
  type ValidationIssue,
} from './errors/tray-validation-error'
export * from './forms'
export {
  type Limiter,
  type LimiterAcquireOptions,
  type LimiterCallOptions,
  type LimiterLease,
  LimiterWaitTimeout,
} from './limiter/limiter'
export * from './lookups'
export * from './schemas/authentication'
export * from './schemas/call-payload'
export * from './schemas/call-result'
export * from './schemas/connector'
export * from './schemas/error-body'
export * from './schemas/json-object'
export * from './schemas/operation'
export * from './schemas/service-environment'
export { suggest } from './suggest'
export type {
  OperationInput,
  OperationLookupField,
  OperationOutput,
  RegisteredOperation,
  TypedCallPayload,
  TypedConnectorName,
  TypedConnectorVersion,
  TypedLookupParams,
} from './typed/operation-types'
export type { TrayOperations } from './typed/tray-operations'
export * from './validate'
