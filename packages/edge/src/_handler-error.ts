import type { ValidationIssue } from '@traykit/core/client'
import { TrayGatewayError } from '@traykit/core/server'

/**
 * A refusal decided by the handler itself, answered as `{ message, code, issues? }`: core's
 * gateway refusal, with the HTTP headers that go with it (`allow` on a 405).
 */
export class HandlerError extends TrayGatewayError {
  readonly headers: Record<string, string>

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { issues?: ValidationIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(status, code, message, { issues: extra.issues })
    this.headers = extra.headers ?? {}
  }
}
