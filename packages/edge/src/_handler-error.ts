import type { ValidationIssue } from '@traykit/core'

/** A refusal decided by the handler itself, answered as `{ message, code, issues? }`. */
export class HandlerError extends Error {
  readonly status: number
  readonly code: string
  readonly issues: ValidationIssue[] | undefined
  readonly headers: Record<string, string>

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { issues?: ValidationIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message)
    this.status = status
    this.code = code
    this.issues = extra.issues
    this.headers = extra.headers ?? {}
  }
}
