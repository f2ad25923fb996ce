import { TrayError } from '../errors/tray-error'
import type { ValidationIssue } from '../errors/tray-validation-error'

/**
 * A refusal a gateway (the edge, MCP, the CLI's local server) decides itself, before or
 * instead of asking Tray: `errorOutcome` answers it with its own status and code. Nothing was
 * sent for it, so nothing was billed.
 */
export class TrayGatewayError extends TrayError {
  static override readonly kind: string = 'TrayGatewayError'
  /** The HTTP status it answers with (`403`). */
  readonly status: number
  /** A stable snake_case code (`operation_not_allowed`). */
  readonly code: string
  /** What was wrong with the caller's input, for a 400. */
  readonly issues: ValidationIssue[] | undefined
  /** When the caller may try again, for a 429 or 503. */
  readonly retryAfterMs: number | undefined

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { issues?: ValidationIssue[] | undefined; retryAfterMs?: number | undefined } = {},
  ) {
    super(message)
    this.status = status
    this.code = code
    this.issues = extra.issues
    this.retryAfterMs = extra.retryAfterMs
  }
}
