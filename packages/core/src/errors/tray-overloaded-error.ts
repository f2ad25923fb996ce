import { TrayError } from './tray-error'

/**
 * The client's own queue for a rate-limit or concurrency slot was full (`limits.maxQueue`), so
 * the request was refused at once: nothing was sent, and nothing ran or was billed.
 */
export class TrayOverloadedError extends TrayError {
  static override readonly kind: string = 'TrayOverloadedError'
  /** About how long until the queue has room again, in milliseconds (at least 1). */
  readonly retryAfterMs: number

  constructor(message: string, init: { retryAfterMs: number }) {
    super(message)
    this.retryAfterMs = init.retryAfterMs
  }
}
