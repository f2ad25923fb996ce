import { expect } from 'vitest'

/** True in the edge-runtime project, which runs every test file a second time. */
export const IN_EDGE_RUNTIME =
  typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === 'string'

/**
 * A property's run count: the full count in Node, a fifth in the edge-runtime sandbox, which
 * is there to catch a runtime difference, not to fuzz the same code twice.
 */
export function fuzzRuns(inNode: number): number {
  return IN_EDGE_RUNTIME ? Math.max(10, Math.ceil(inNode / 5)) : inNode
}

type Guard = <T>(run: () => T) => T

/** Generous (machines are shared and slow): it catches hangs, not slowness. */
const HANG_BOUND_MS = 20_000
let guard: Guard | undefined

/**
 * Runs a synchronous function, failing it instead of hanging the test run when it takes longer
 * than the bound. Nothing else can interrupt a runaway regular expression: Node's `vm` timeout
 * can, so the bound holds in Node; in the edge-runtime sandbox the function simply runs.
 */
export function withinHangBound<T>(run: () => T): T {
  guard ??= makeGuard()
  return guard(run)
}

function makeGuard(): Guard {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process?.getBuiltinModule
  if (IN_EDGE_RUNTIME || getBuiltin === undefined) return (run) => run()
  const vm = getBuiltin('node:vm') as typeof import('node:vm')
  const context = vm.createContext({ job: undefined })
  const script = new vm.Script('job()')
  return <T>(run: () => T): T => {
    context.job = run
    try {
      return script.runInContext(context, { timeout: HANG_BOUND_MS }) as T
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new Error(`did not finish within ${HANG_BOUND_MS} ms: a hang`)
      }
      throw error
    }
  }
}

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype]

/** The own properties of the built-in prototypes, to compare before and after a run. */
function prototypeState(): unknown[] {
  return PROTOTYPES.map((proto) =>
    Object.getOwnPropertyNames(proto).map((name) => [
      name,
      Object.getOwnPropertyDescriptor(proto, name)?.value,
    ]),
  )
}

/** Runs `run` (and awaits it, if it is async), then fails if it changed a built-in prototype. */
export function expectNoPollution<T>(run: () => T): T {
  const before = prototypeState()
  const check = () => {
    expect(prototypeState()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  }
  const result = run()
  if (result instanceof Promise) return result.finally(check) as T
  check()
  return result
}
