import { addKinds, TrayError } from './tray-error'

/** One problem with an input: where it is (`filter.operator`, `rows.2.name`) and what is wrong. */
export interface ValidationIssue {
  path: string
  message: string
}

/** What a server said when it refused the input with a 400 (the edge, or Tray itself). */
export interface TrayValidationErrorServerInit {
  status: number
  code: string | null
  requestId: string | undefined
  body: unknown
}

/**
 * The input was refused before it ran, so nothing was billed: by traykit before sending it, or
 * by a server's 400 (an edge's `invalid_input`, Tray's "Connector input validation failed").
 * One coming from a server also has the server's `status`, `code`, `requestId` and `body`, and
 * is a `TrayBadRequestError` and a `TrayApiError` too, as such a 400 was before.
 */
export class TrayValidationError extends TrayError {
  static override readonly kind: string = 'TrayValidationError'
  readonly issues: ValidationIssue[]
  /** The server's HTTP status (400), when a server refused the input. */
  declare readonly status?: number
  /** The server's `code` (`invalid_input`, or Tray's `null`), when a server refused the input. */
  declare readonly code?: string | null
  /** The request id of the server's answer, when a server refused the input. */
  declare readonly requestId?: string | undefined
  /** The server's parsed answer (token redacted), when a server refused the input. */
  declare readonly body?: unknown

  constructor(summary: string, issues: ValidationIssue[], server?: TrayValidationErrorServerInit) {
    const lines = issues.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`)
    super(lines.length ? `${summary}\n${lines.join('\n')}` : summary)
    this.issues = issues
    if (server) {
      Object.assign(this, {
        status: server.status,
        code: server.code,
        requestId: server.requestId,
        body: server.body,
      })
      // Code written for the 400 this was before (`instanceof TrayBadRequestError`) still matches.
      addKinds(this, 'TrayBadRequestError', 'TrayApiError')
    }
  }
}
