import {
  createAuthentication,
  deleteAuthentication,
  getAuthentication,
} from './admin/authentications'
import { listServiceEnvironments } from './admin/list-service-environments'
import type { RequestOptions, TrayClientOptions } from './client/client-options'
import { createTrayClient as createLeanClient } from './client/create-tray-client'
import { type GetOutputSchemaOptions, getOutputSchema } from './client/get-output-schema'
import {
  type ResolveLookupOptions,
  type ResolveLookupParams,
  resolveLookup,
} from './client/resolve-lookup'
import type { TrayClient as LeanTrayClient } from './client/tray-client'
import type { Authentication, CreateAuthenticationInput } from './schemas/authentication'
import type { LookupOption } from './schemas/call-result'
import type { JsonObject } from './schemas/json-object'
import type { ServiceEnvironment } from './schemas/service-environment'

// The root entry's client: the lean client plus the methods that became functions of
// subpaths, kept for one minor version so code written for 0.x keeps working. Importing the
// root costs what it always did; `@traykit/core/client` is the lean path.

/** The client methods that moved to `@traykit/core/lookups` and `@traykit/core/admin`. */
export interface TrayClientDeprecatedMethods {
  /**
   * Runs a field's DDL with the current input: its `{ text, value }` options (a billed call,
   * retried like a read unless `idempotent: false`; each retry may bill a task).
   * @deprecated Use `resolveLookup(tray, params, opts)` from `@traykit/core/lookups`.
   */
  resolveLookup(params: ResolveLookupParams, opts?: ResolveLookupOptions): Promise<LookupOption[]>
  /**
   * The output schema of a dynamic-output operation for this input (a billed call).
   * @deprecated Use `getOutputSchema(tray, connector, version, operation, input, opts)` from
   * `@traykit/core/lookups`.
   */
  getOutputSchema(
    connector: string,
    version: string,
    operation: string,
    input: JsonObject,
    opts?: GetOutputSchemaOptions,
  ): Promise<JsonObject>
  /**
   * The service environments of a service version (cached like the connector list).
   * @deprecated Use `listServiceEnvironments(tray, service, serviceVersion, opts)` from
   * `@traykit/core/admin`.
   */
  listServiceEnvironments(
    service: string,
    serviceVersion: number,
    opts?: RequestOptions,
  ): Promise<ServiceEnvironment[]>
  /**
   * Creates an end user's authentication; resolves to its `{ id }`.
   * @deprecated Use `createAuthentication(tray, input, opts)` from `@traykit/core/admin`.
   */
  createAuthentication(
    input: CreateAuthenticationInput,
    opts?: RequestOptions,
  ): Promise<{ id: string }>
  /**
   * Reads an authentication (never its credentials).
   * @deprecated Use `getAuthentication(tray, id, opts)` from `@traykit/core/admin`.
   */
  getAuthentication(id: string, opts?: RequestOptions): Promise<Authentication>
  /**
   * Deletes an authentication.
   * @deprecated Use `deleteAuthentication(tray, id, opts)` from `@traykit/core/admin`.
   */
  deleteAuthentication(id: string, opts?: RequestOptions): Promise<void>
}

/**
 * A client made by the root entry's `createTrayClient`: the lean `TrayClient` of
 * `@traykit/core/client` with the deprecated methods. Every function that takes a client
 * accepts it.
 */
export interface TrayClient extends LeanTrayClient, TrayClientDeprecatedMethods {}

/**
 * Creates a client for Tray's Connectors API, with the methods that moved to subpaths (deprecated).
 * Prefer `createTrayClient` from `@traykit/core/client`, which a page downloads without them.
 */
export function createTrayClient(options: TrayClientOptions = {}): TrayClient {
  const tray = createLeanClient(options)
  const methods: TrayClientDeprecatedMethods = {
    resolveLookup: (params, opts) => resolveLookup(tray, params, opts),
    getOutputSchema: (connector, version, operation, input, opts) =>
      getOutputSchema(tray, connector, version, operation, input, opts),
    listServiceEnvironments: (service, serviceVersion, opts) =>
      listServiceEnvironments(tray, service, serviceVersion, opts),
    createAuthentication: (input, opts) => createAuthentication(tray, input, opts),
    getAuthentication: (id, opts) => getAuthentication(tray, id, opts),
    deleteAuthentication: (id, opts) => deleteAuthentication(tray, id, opts),
  }
  // The same object, so the admin functions find its internals.
  return Object.assign(tray, methods)
}
