import type { CreateAuthenticationInput } from '@traykit/core/client'
import type {
  AllowMap,
  AuthorizedGatewayOptions,
  AllowPredicate as CoreAllowPredicate,
  GatewayAuthentications,
  GatewayToken,
  PublicGatewayOptions,
  TrayGatewayOptions,
} from '@traykit/core/server'
import type { Context, Env } from 'hono'

/**
 * Which operations callers may run, per connector name (any version): a list of operation
 * names, or `'*'` for all of them. `{ slack: ['send_message'], 'twilio-output': '*' }`. Core's
 * `AllowMap`, the same for every gateway.
 */
export type { AllowMap }

/** The upstream Tray token: a string, or looked up per request (from `c.env`, or a user token for the caller). */
export type TokenSource<E extends Env = Env> = GatewayToken<Context<E>>

/**
 * Decides whether the caller of `c` may run an operation: core's `AllowPredicate` on the
 * request's context. `payload` is the checked call payload before a call, so a rule can also
 * look at `authId` (with a master token, any authentication of the account is usable); it is
 * absent when `catalog: 'allowed'` asks which operations to list.
 */
export type AllowPredicate<E extends Env = Env> = CoreAllowPredicate<Context<E>>

/** What `onCreate` learns of a new authentication: its id and what was sent, minus the credentials. */
export type CreatedAuthentication = Pick<
  CreateAuthenticationInput,
  // Picked, not Omit<…, 'credentials'>: the input's index signature would swallow every field.
  'name' | 'serviceEnvironmentId' | 'userData' | 'scopes' | 'onPremAgentGroupId'
> & { id: string }

/**
 * Serves Tray's authentication routes (create, get, delete) to callers, each limited to the
 * authentications `owns` (core's ownership hook) says are theirs. Calls with an `authId` are
 * checked by `owns` too.
 */
export interface AuthenticationsOptions<E extends Env = Env>
  extends GatewayAuthentications<Context<E>> {
  /**
   * Called once Tray has created an authentication for the caller of `c`, so the app records
   * its owner. If it throws, the handler deletes the new authentication again and answers 500.
   */
  onCreate?:
    | ((c: Context<E>, authentication: CreatedAuthentication) => void | Promise<void>)
    | undefined
}

/** Cross-origin access for browsers on other origins. */
export interface CorsOptions {
  /** Exact origins, such as `https://app.example.com`. No wildcards. */
  origins: readonly string[]
  /** Let browsers send cookies (`Access-Control-Allow-Credentials`). Default false. */
  credentials?: boolean | undefined
  /** Seconds a browser may cache a preflight answer. Default 600. */
  maxAge?: number | undefined
  /** Request headers allowed besides `authorization`, `content-type`, `user-agent` and `x-request-id`. */
  allowHeaders?: readonly string[] | undefined
}

/**
 * The options every handler takes, whoever it serves: core's gateway options on Hono's context
 * (token, allow, authentications, limits, cache, region…, shared with `@traykit/mcp`'s
 * handler), and the edge's own.
 */
export interface TrayHandlerBaseOptions<E extends Env = Env>
  extends TrayGatewayOptions<Context<E>> {
  /**
   * Serves authentications (create, get, delete) behind an ownership hook, and checks every
   * call's `authId` with it (403 `authentication_not_owned`, nothing sent). Without it, the
   * authentication routes answer 404 and calls' `authId` is checked only by `allow`.
   */
  authentications?: AuthenticationsOptions<E> | undefined
  /**
   * `'all'` (default) serves Tray's catalog as is; `'allowed'` lists only the connectors and
   * operations `allow` permits (a predicate is asked per operation, without a payload).
   */
  catalog?: 'all' | 'allowed' | undefined
  /** Cross-origin access; off by default (same-origin callers only). */
  cors?: CorsOptions | false | undefined
}

/** A handler that decides per request who may use it. */
export interface AuthorizedHandlerOptions<E extends Env = Env>
  extends TrayHandlerBaseOptions<E>,
    AuthorizedGatewayOptions<Context<E>> {}

/** A handler that serves every caller: a demo, or one behind your own gateway. */
export interface PublicHandlerOptions<E extends Env = Env>
  extends TrayHandlerBaseOptions<E>,
    PublicGatewayOptions {}

/**
 * Options of `createTrayHandler`: `authorize`, or an explicit `public: true`. A handler with
 * neither does not compile (and throws when created from untyped code).
 */
export type TrayHandlerOptions<E extends Env = Env> =
  | AuthorizedHandlerOptions<E>
  | PublicHandlerOptions<E>
