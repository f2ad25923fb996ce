import { TrayError } from './tray-error'

/** The request never got an answer: DNS, refused or reset connection, TLS, offline. */
export class TrayConnectionError extends TrayError {
  static override readonly kind: string = 'TrayConnectionError'
  /** True when the failure happened before the request left: it provably did not run. */
  readonly beforeSend: boolean

  constructor(message: string, options: { beforeSend: boolean; cause?: unknown }) {
    super(message, { cause: options.cause })
    this.beforeSend = options.beforeSend
  }
}

/** An attempt (request and body read) took longer than `timeout`. */
export class TrayTimeoutError extends TrayError {
  static override readonly kind: string = 'TrayTimeoutError'
  /** The timeout that ran out, in milliseconds. */
  readonly timeoutMs: number

  /** @param detail what a caller should know, such as that a call may have run */
  constructor(timeoutMs: number, detail?: string) {
    super(`Tray did not answer within ${timeoutMs} ms${detail ? `; ${detail}` : ''}`)
    this.timeoutMs = timeoutMs
  }
}

/** The caller's `signal` aborted the request. */
export class TrayAbortError extends TrayError {
  static override readonly kind: string = 'TrayAbortError'

  constructor() {
    super('The request was aborted')
  }
}

/** A response did not fit what Tray documents: a body of another shape, or a redirect. */
export class TrayResponseError extends TrayError {
  static override readonly kind: string = 'TrayResponseError'
  /** The HTTP status of the response; 0 for a redirect whose status the runtime keeps to itself. */
  readonly status: number
  /** Where in the body the shape broke (`elements.0.version`), or `''` for the body itself. */
  readonly path: string

  constructor(message: string, init: { status: number; path: string }) {
    super(message)
    this.status = init.status
    this.path = init.path
  }
}
