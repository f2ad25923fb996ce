import { TrayError } from '@traykit/core'
import type { Env } from 'hono'
import type { AllowMap, AllowPredicate } from './handler-options'

/** Turns the `allow` option into one predicate; no option allows nothing. */
export function compileAllow<E extends Env>(
  allow: AllowMap | AllowPredicate<E> | undefined,
): AllowPredicate<E> {
  if (allow === undefined) return () => false
  if (typeof allow === 'function') return allow
  const rules = compileAllowMap(allow)
  // A Map, not the object: a connector named "constructor" or "__proto__" must not find
  // anything through the prototype chain.
  return (connector, _version, operation) => {
    const rule = rules.get(connector)
    return rule === '*' || rule?.has(operation) === true
  }
}

/** Per connector, the operations an allow map permits: `'*'` for all, or their names. */
export type AllowRules = ReadonlyMap<string, ReadonlySet<string> | '*'>

/** Checks an allow map and turns it into rules; no map allows nothing. */
export function compileAllowMap(allow: AllowMap | undefined): AllowRules {
  if (allow === undefined) return new Map()
  if (typeof allow !== 'object' || allow === null || Array.isArray(allow)) {
    throw new TrayError(
      "createTrayHandler: allow must be a map like { slack: ['send_message'], 'twilio-output': '*' } or a function",
    )
  }
  const rules = new Map<string, ReadonlySet<string> | '*'>()
  for (const [connector, rule] of Object.entries(allow)) {
    if (rule === '*') {
      rules.set(connector, '*')
    } else if (Array.isArray(rule) && rule.every((op) => typeof op === 'string' && op !== '')) {
      rules.set(connector, new Set(rule))
    } else {
      throw new TrayError(
        `createTrayHandler: allow.${connector} must be '*' or a list of operation names, got ${JSON.stringify(rule)}`,
      )
    }
  }
  return rules
}
