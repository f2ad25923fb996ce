// @traykit/core/client: the lean client. What a page pays for when it creates a client and
// lists the catalog or calls: the validator loads on the first validated call, and lookups,
// admin routes and schema helpers are other entries.
export type { ClientHooks } from './client/_transport'
export { type CacheStore, createMemoryStore } from './client/cache-store'
export type { CatalogCacheOptions } from './client/catalog-cache'
export type { CallOptions, RequestOptions, TrayClientOptions } from './client/client-options'
export { createTrayClient } from './client/create-tray-client'
export {
  createMemoryLimiter,
  DEFAULT_CLIENT_LIMITS,
  type RateLimits,
  TRAY_RATE_LIMITS,
} from './client/rate-limiter'
export { isTrayRegion, TRAY_REGIONS, type TrayRegion } from './client/regions'
export type { TrayClient } from './client/tray-client'
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
export {
  type Limiter,
  type LimiterAcquireOptions,
  type LimiterCallOptions,
  type LimiterLease,
  LimiterWaitTimeout,
} from './limiter/limiter'
export type { Authentication, CreateAuthenticationInput } from './schemas/authentication'
export type { CallPayload } from './schemas/call-payload'
export type { CallResult, LookupOption } from './schemas/call-result'
export type { Connector, ConnectorService } from './schemas/connector'
export type { JsonObject } from './schemas/json-object'
export type { Operation } from './schemas/operation'
export type { AuthenticationType, ServiceEnvironment } from './schemas/service-environment'
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
