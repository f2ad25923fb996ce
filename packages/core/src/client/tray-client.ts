import type { CallResult } from '../schemas/call-result'
import type { Connector } from '../schemas/connector'
import type { Operation } from '../schemas/operation'
import type {
  ConnectorNameArg,
  ConnectorVersionArg,
  OperationNameArg,
  TypedCallOutput,
  TypedCallPayload,
} from '../typed/operation-types'
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
   * with `throwOnError: false`, to `{ outcome, output }`. For a connector version a generated
   * file registers (`TrayOperations`), the operation, its input and its output are typed; give
   * `TOutput` to type an output by hand instead.
   */
  callConnector<
    TOutput extends object = never,
    C extends ConnectorNameArg = string,
    V extends ConnectorVersionArg<C> = string,
    O extends OperationNameArg<C, V> = OperationNameArg<C, V>,
  >(
    connector: C,
    version: V,
    payload: TypedCallPayload<C, V, O>,
    opts: CallOptions & { throwOnError: false },
  ): Promise<CallResult<TypedCallOutput<TOutput, C, V, O>>>
  /** Runs an operation (one billed task) and resolves to its output; outcome "error" throws. */
  callConnector<
    TOutput extends object = never,
    C extends ConnectorNameArg = string,
    V extends ConnectorVersionArg<C> = string,
    O extends OperationNameArg<C, V> = OperationNameArg<C, V>,
  >(
    connector: C,
    version: V,
    payload: TypedCallPayload<C, V, O>,
    opts?: CallOptions & { throwOnError?: true | undefined },
  ): Promise<TypedCallOutput<TOutput, C, V, O>>
  /** Runs an operation (one billed task): the output, or `{ outcome, output }` with `throwOnError: false`. */
  callConnector<
    TOutput extends object = never,
    C extends ConnectorNameArg = string,
    V extends ConnectorVersionArg<C> = string,
    O extends OperationNameArg<C, V> = OperationNameArg<C, V>,
  >(
    connector: C,
    version: V,
    payload: TypedCallPayload<C, V, O>,
    opts?: CallOptions,
  ): Promise<TypedCallOutput<TOutput, C, V, O> | CallResult<TypedCallOutput<TOutput, C, V, O>>>
}
