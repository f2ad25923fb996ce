import type { FaultMatch, FaultScope, MockFault, MockRequestInfo } from '../mock-tray-types'

/** What a fault does to a request. */
export type FaultAction =
  | {
      kind: 'fail'
      status: number
      /** The body as sent; Tray's `{ message }` for the status when undefined. */
      body: string | undefined
      headers: Record<string, string>
    }
  | { kind: 'malformed'; status: number; body: string }
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number }

/** The faults that hit one request at one moment: the time to wait, then at most one answer. */
export interface FaultHit {
  delayMs: number
  action: Exclude<FaultAction, { kind: 'delay' }> | undefined
}

interface Rule {
  action: FaultAction
  match: FaultMatch | undefined
  runFirst: boolean
  remaining: number
  hits: number
}

/** The registered faults of a mock, in the order they were added. */
export class FaultSet {
  #rules: Rule[] = []

  add(action: FaultAction, scope: FaultScope): MockFault {
    const times = scope.times ?? Number.POSITIVE_INFINITY
    if (!(times >= 1) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new RangeError(`times must be a whole number of at least 1, got ${String(scope.times)}`)
    }
    if (
      scope.match !== undefined &&
      typeof scope.match !== 'function' &&
      typeof scope.match !== 'object'
    ) {
      throw new TypeError('match must be an object of request fields or a function')
    }
    const rule: Rule = {
      action,
      // A copy of a field match, so changing the object later does not move the fault.
      match:
        scope.match !== undefined && typeof scope.match !== 'function'
          ? { ...scope.match }
          : scope.match,
      runFirst: scope.runFirst === true,
      remaining: times,
      hits: 0,
    }
    this.#rules.push(rule)
    return {
      get hits() {
        return rule.hits
      },
      get remaining() {
        return rule.remaining
      },
      remove: () => this.#remove(rule),
    }
  }

  /**
   * Takes the faults that hit a request, before it runs or (`runFirst`) after: every matching
   * delay adds up, and the first matching answer wins. Each fault taken uses up one of its times.
   */
  take(request: MockRequestInfo, runFirst: boolean): FaultHit {
    const hit: FaultHit = { delayMs: 0, action: undefined }
    for (const rule of [...this.#rules]) {
      if (rule.runFirst !== runFirst || !matches(rule.match, request)) continue
      if (rule.action.kind === 'delay') {
        hit.delayMs += rule.action.ms
      } else if (hit.action === undefined) {
        hit.action = rule.action
      } else {
        continue
      }
      rule.hits += 1
      rule.remaining -= 1
      if (rule.remaining <= 0) this.#remove(rule)
    }
    return hit
  }

  clear(): void {
    this.#rules = []
  }

  #remove(rule: Rule): void {
    this.#rules = this.#rules.filter((r) => r !== rule)
  }
}

function matches(match: FaultMatch | undefined, request: MockRequestInfo): boolean {
  if (match === undefined) return true
  if (typeof match === 'function') return match(request)
  return Object.entries(match).every(([key, expected]) => {
    if (expected === undefined) return true
    const actual = request[key as keyof MockRequestInfo]
    return key === 'method' ? String(expected).toUpperCase() === actual : expected === actual
  })
}
