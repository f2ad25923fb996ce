import { TrayError } from './tray-error'

/** What the client knows about a non-2xx answer. */
export interface TrayApiErrorInit {
  status: number
  message: string
  code?: string | null | undefined
  requestId?: string | undefined
  body?: unknown
  retryAfterMs?: number | undefined
}

/** Tray (or a server speaking its protocol) answered with a non-2xx status. */
export class TrayApiError extends TrayError {
  static override readonly kind: string = 'TrayApiError'
  /** The HTTP status. */
  readonly status: number
  /** Tray's `code`, where it gives one. */
  readonly code: string | null
  /** The request id from the response headers, for support and log correlation. */
  readonly requestId: string | undefined
  /** The parsed response body (or its text when it was not JSON). */
  readonly body: unknown

  constructor(init: TrayApiErrorInit) {
    super(init.message)
    this.status = init.status
    this.code = init.code ?? null
    this.requestId = init.requestId
    this.body = init.body
  }
}

/** 400: Tray rejected the request's input. */
export class TrayBadRequestError extends TrayApiError {
  static override readonly kind: string = 'TrayBadRequestError'
}

/** 401: the token is missing, wrong or expired. */
export class TrayAuthenticationError extends TrayApiError {
  static override readonly kind: string = 'TrayAuthenticationError'
}

/** 403: the token may not do this. */
export class TrayPermissionError extends TrayApiError {
  static override readonly kind: string = 'TrayPermissionError'
}

/** 404: unknown connector, version, operation, service or authentication. */
export class TrayNotFoundError extends TrayApiError {
  static override readonly kind: string = 'TrayNotFoundError'
}

/** 429: over Tray's rate or concurrency limits. */
export class TrayRateLimitError extends TrayApiError {
  static override readonly kind: string = 'TrayRateLimitError'
  /** How long the server asked to wait, from `Retry-After`, when it said. */
  readonly retryAfterMs: number | undefined

  constructor(init: TrayApiErrorInit) {
    super(init)
    this.retryAfterMs = init.retryAfterMs
  }
}

/** 5xx: Tray failed. */
export class TrayServerError extends TrayApiError {
  static override readonly kind: string = 'TrayServerError'
}

/** Picks the error class for a status. */
export function createApiError(init: TrayApiErrorInit): TrayApiError {
  switch (init.status) {
    case 400:
      return new TrayBadRequestError(init)
    case 401:
      return new TrayAuthenticationError(init)
    case 403:
      return new TrayPermissionError(init)
    case 404:
      return new TrayNotFoundError(init)
    case 429:
      return new TrayRateLimitError(init)
    default:
      return init.status >= 500 ? new TrayServerError(init) : new TrayApiError(init)
  }
}
