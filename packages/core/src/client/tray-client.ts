import type { CallPayload } from '../schemas/call-payload'
import type { CallResult } from '../schemas/call-result'
import type { Connector } from '../schemas/connector'
import type { JsonObject } from '../schemas/json-object'
import type { Operation } from '../schemas/operation'
import type { CallOptions, RequestOptions } from './client-options'

/**
 * A client made by `createTrayClient` (`@traykit/core/client`): the catalog and calls. Lookups,
 * output schemas and pagination (`@traykit/core/lookups`) and authentications and service
 * environments (`@traykit/core/admin`) are functions that take the client, so a page that does
 * not use them does not download them.
 */
export interface TrayClient {
  /** The server this client talks to: Tray's API for its region, or the `baseUrl` given. */
  readonly baseUrl: string
  /** Every connector version of the account (`GET /core/v1/connectors`, cached). */
  listConnectors(opts?: RequestOptions): Promise<Connector[]>
  /** The versions of one connector, newest first. */
  listConnectorVersions(name: string, opts?: RequestOptions): Promise<Connector[]>
  /** One connector version; without `version`, the latest. `TrayNotFoundError` if there is none. */
  getConnector(name: string, version?: string, opts?: RequestOptions): Promise<Connector>
  /** The operations of a connector version, with their input and output schemas (cached). */
  listOperations(connector: string, version: string, opts?: RequestOptions): Promise<Operation[]>
  /** One operation of a connector version. `TrayNotFoundError` if it has none of that name. */
  getOperation(
    connector: string,
    version: string,
    operation: string,
    opts?: RequestOptions,
  ): Promise<Operation>
  /**
   * Runs an operation (one billed task): checks the payload strictly and the input against the
   * operation's schema first (nothing sent if either fails), then resolves to the output, or,
   * with `throwOnError: false`, to `{ outcome, output }`.
   */
  callConnector<TOutput extends object = JsonObject>(
    connector: string,
    version: string,
    payload: CallPayload,
    opts: CallOptions & { throwOnError: false },
  ): Promise<CallResult<TOutput>>
  /** Runs an operation (one billed task) and resolves to its output; outcome "error" throws. */
  callConnector<TOutput extends object = JsonObject>(
    connector: string,
    version: string,
    payload: CallPayload,
    opts?: CallOptions & { throwOnError?: true | undefined },
  ): Promise<TOutput>
  /** Runs an operation (one billed task): the output, or `{ outcome, output }` with `throwOnError: false`. */
  callConnector<TOutput extends object = JsonObject>(
    connector: string,
    version: string,
    payload: CallPayload,
    opts?: CallOptions,
  ): Promise<TOutput | CallResult<TOutput>>
}
