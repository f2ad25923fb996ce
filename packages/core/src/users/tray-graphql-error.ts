import { clip } from '../_clip'
import { TrayError } from '../errors/tray-error'

/** One of the `errors` Tray's GraphQL API answered, tokens redacted. */
export interface TrayGraphQLErrorEntry {
  message: string
  path?: ReadonlyArray<string | number> | undefined
}

/**
 * Tray's GraphQL API answered 200 with `errors` (a refused mutation, an unknown user, a query
 * it could not run). What a mutation did is unknown only when the answer carries no `data`
 * for it; traykit never sends a mutation again either way.
 */
export class TrayGraphQLError extends TrayError {
  static override readonly kind: string = 'TrayGraphQLError'
  /** The query or mutation that failed (`authorize`, `users`, …). */
  readonly operation: string
  /** Tray's `errors`, each message cut to 500 characters. */
  readonly errors: readonly TrayGraphQLErrorEntry[]

  constructor(operation: string, errors: readonly TrayGraphQLErrorEntry[]) {
    const first = errors[0]?.message ?? 'no message'
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
    super(`Tray's GraphQL API refused ${operation}: ${clip(first, 500)}${more}`)
    this.operation = operation
    this.errors = errors.map((e) => ({
      message: clip(e.message, 500),
      ...(e.path ? { path: [...e.path] } : {}),
    }))
  }
}
