import type { ResolveLookupParams } from '../client/resolve-lookup'
import type { CallPayload } from '../schemas/call-payload'
import type { JsonObject } from '../schemas/json-object'
import type { TrayOperations } from './tray-operations'

// Every helper answers the untyped shape (`string`, `JsonObject`, `CallPayload`) for a
// connector version the generated file does not name, so untyped calls keep compiling.

/** What a generated file registers for one operation. */
export interface RegisteredOperation {
  input: object
  output: object
  /** The paths of its fields with a lookup (array items as `${number}`); `never` without one. */
  lookups: string
}

type Registered = keyof TrayOperations & string

type ConnectorOf<K> = K extends `${infer C}@${string}` ? C : never

type VersionOf<K, C extends string> = K extends `${C}@${infer V}` ? V : never

/** The connector names the generated file registers. */
export type TypedConnectorName = ConnectorOf<Registered>

/** The versions of connector `C` the generated file registers. */
export type TypedConnectorVersion<C extends string> = VersionOf<Registered, C>

/** True when `C@V` is registered (a literal name and version the generated file names). */
export type IsTypedConnector<C extends string, V extends string> = `${C}@${V}` extends Registered
  ? true
  : false

type OperationsOf<C extends string, V extends string> = `${C}@${V}` extends Registered
  ? TrayOperations[`${C}@${V}`]
  : never

/**
 * A connector argument: a registered name (offered by the editor) or any other string.
 * `string & {}` keeps the literals from collapsing into `string`.
 */
export type ConnectorNameArg = TypedConnectorName | (string & {})

/** A version argument: a registered version of `C`, or any other string. */
export type ConnectorVersionArg<C extends string> = TypedConnectorVersion<C> | (string & {})

/** The operation names of `C@V`: the registered ones when it is typed, else any string. */
export type OperationNameArg<C extends string, V extends string> =
  IsTypedConnector<C, V> extends true ? keyof OperationsOf<C, V> & string : string

type Entry<C extends string, V extends string, O extends string> =
  OperationsOf<C, V> extends infer Ops
    ? O extends keyof Ops
      ? Ops[O] extends RegisteredOperation
        ? Ops[O]
        : never
      : never
    : never

/** The input of operation `O` of `C@V`: its generated type, or `JsonObject` when untyped. */
export type OperationInput<C extends string, V extends string, O extends string> =
  IsTypedConnector<C, V> extends true ? Entry<C, V, O>['input'] : JsonObject

/** The output of operation `O` of `C@V`: its generated type, or `JsonObject` when untyped. */
export type OperationOutput<C extends string, V extends string, O extends string> =
  IsTypedConnector<C, V> extends true ? Entry<C, V, O>['output'] : JsonObject

/** The fields of `O` with a lookup (`resolveLookup`'s `field`), or any string when untyped. */
export type OperationLookupField<C extends string, V extends string, O extends string> =
  IsTypedConnector<C, V> extends true ? Entry<C, V, O>['lookups'] : string

/**
 * A call payload for `C@V`: a registered operation with its generated input (missing required
 * fields and unknown fields are errors), or `CallPayload` when untyped.
 */
export type TypedCallPayload<C extends string, V extends string, O extends string> =
  IsTypedConnector<C, V> extends true
    ? Omit<CallPayload, 'operation' | 'input'> & { operation: O; input: OperationInput<C, V, O> }
    : CallPayload

/** What a call returns: `TOutput` when given by hand, else the generated output (or `JsonObject`). */
export type TypedCallOutput<
  TOutput extends object,
  C extends string,
  V extends string,
  O extends string,
> = [TOutput] extends [never] ? OperationOutput<C, V, O> : TOutput

/** A partly filled form: every field optional, at any depth (a lookup runs on unfinished input). */
export type PartialInput<T> = T extends readonly (infer I)[]
  ? PartialInput<I>[]
  : T extends object
    ? { [K in keyof T]?: PartialInput<T[K]> }
    : T

/**
 * `resolveLookup`'s parameters for `C@V`: a registered operation, one of its lookup fields and a
 * partly filled input of its generated type; `ResolveLookupParams` when untyped.
 */
export type TypedLookupParams<C extends string, V extends string, O extends string> =
  IsTypedConnector<C, V> extends true
    ? Omit<ResolveLookupParams, 'connector' | 'version' | 'operation' | 'field' | 'input'> & {
        connector: C
        version: V
        operation: O
        field: OperationLookupField<C, V, O>
        input?: PartialInput<OperationInput<C, V, O>> | undefined
      }
    : ResolveLookupParams
