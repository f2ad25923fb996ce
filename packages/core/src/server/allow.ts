import { TrayError } from '../errors/tray-error'
import type { CallPayload } from '../schemas/call-payload'

/**
 * Which operations callers may run, per connector name (any version): a list of operation
 * names, or `'*'` for all of them. `{ slack: ['send_message'], 'twilio-output': '*' }`.
 */
export type AllowMap = Readonly<Record<string, readonly string[] | '*'>>

/** The declaration behind `AllowPredicate` (a method: see there). */
interface AllowPredicateSignature<C> {
  predicate(
    connector: string,
    version: string,
    operation: string,
    ctx: C,
    payload?: CallPayload,
  ): boolean | Promise<boolean>
}

/**
 * Decides whether the caller of `ctx` may run `operation` of `connector` at `version`; only a
 * literal `true` allows. `payload` is the checked call payload when a call is about to run (a
 * rule may look at its `authId`), and absent when the question is whether to list or offer the
 * operation (`catalog: 'allowed'`, MCP's `tools/list`): read it as `payload?.authId`.
 */
// Declared as a method so a predicate written for calls only, `(…, payload: CallPayload)`, is
// still accepted (methods compare their parameters both ways): the edge's released shape.
export type AllowPredicate<C> = AllowPredicateSignature<C>['predicate']

/** An allow map, or a predicate on the caller's context `C` (only a literal `true` allows). */
export type AllowRule<C> = AllowMap | AllowPredicate<C>

/**
 * The check `createAllowCheck` makes, in the predicate's order: resolves `true` only when the
 * call may run (with `payload`), or the operation may be listed (without).
 */
export type AllowCheck<C> = (
  connector: string,
  version: string,
  operation: string,
  ctx: C,
  payload?: CallPayload,
) => Promise<boolean>

/** Per connector, the operations an allow map permits: `'*'` for all, or their names. */
export type AllowRules = ReadonlyMap<string, ReadonlySet<string> | '*'>

/** Names the caller in the messages of a malformed rule (`createTrayHandler: allow must be …`). */
export interface AllowOptions {
  /** The function the rule was given to, such as `createTrayHandler`. */
  name?: string | undefined
}

/**
 * Turns an allow rule into one async check. No rule allows nothing; a map is checked now
 * (a malformed one throws `TrayError` at startup, not on a request); a predicate allows only
 * when it returns or resolves a literal `true`, so a rule that forgot to return refuses.
 */
export function createAllowCheck<C>(
  allow: AllowRule<C> | undefined,
  options: AllowOptions = {},
): AllowCheck<C> {
  if (allow === undefined) return async () => false
  if (typeof allow === 'function') {
    return async (connector, version, operation, ctx, payload) =>
      (await allow(connector, version, operation, ctx, payload)) === true
  }
  const rules = compileAllowMap(allow, options)
  return async (connector, _version, operation) => allowedBy(rules, connector, operation)
}

/** What `catalog: 'allowed'` shows of Tray's catalog under an allow map. */
export interface AllowedCatalog {
  /** The map's rules: connectors with any allowed operation, and which ones. */
  readonly rules: AllowRules
  /** Whether the map allows `operation` of `connector`. */
  allows(connector: string, operation: string): boolean
  /** The connectors of which some operation is allowed, in their order. */
  connectors<T extends { name: string }>(connectors: readonly T[]): T[]
  /** The allowed operations of `connector`, in their order. */
  operations<T extends { name: string }>(connector: string, operations: readonly T[]): T[]
}

/**
 * Narrows catalog lists to what an allow map permits, so a UI or an agent lists only what it
 * may call, without a request. A predicate is asked per operation through `createAllowCheck`
 * (without a payload) instead.
 */
export function listAllowed(
  allow: AllowMap | undefined,
  options: AllowOptions = {},
): AllowedCatalog {
  const rules = compileAllowMap(allow, options)
  return {
    rules,
    allows: (connector, operation) => allowedBy(rules, connector, operation),
    connectors: (connectors) => connectors.filter((c) => rules.has(c.name)),
    operations(connector, operations) {
      const rule = rules.get(connector)
      if (rule === undefined) return []
      return rule === '*' ? [...operations] : operations.filter((op) => rule.has(op.name))
    },
  }
}

/** Checks an allow map and turns it into rules; no map allows nothing. */
export function compileAllowMap(
  allow: AllowMap | undefined,
  options: AllowOptions = {},
): AllowRules {
  const prefix = options.name ? `${options.name}: ` : ''
  if (allow === undefined) return new Map()
  if (typeof allow !== 'object' || allow === null || Array.isArray(allow)) {
    throw new TrayError(
      `${prefix}allow must be a map like { slack: ['send_message'], 'twilio-output': '*' } or a function`,
    )
  }
  // A Map, not the object: a connector named "constructor" or "__proto__" must not find
  // anything through the prototype chain.
  const rules = new Map<string, ReadonlySet<string> | '*'>()
  for (const [connector, rule] of Object.entries(allow)) {
    if (rule === '*') {
      rules.set(connector, '*')
    } else if (Array.isArray(rule) && rule.every((op) => typeof op === 'string' && op !== '')) {
      rules.set(connector, new Set(rule))
    } else {
      throw new TrayError(
        `${prefix}allow.${connector} must be '*' or a list of operation names, got ${JSON.stringify(rule)}`,
      )
    }
  }
  return rules
}

function allowedBy(rules: AllowRules, connector: string, operation: string): boolean {
  const rule = rules.get(connector)
  return rule === '*' || rule?.has(operation) === true
}
