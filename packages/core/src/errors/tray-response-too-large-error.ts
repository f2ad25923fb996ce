import { TrayResponseError } from './tray-transport-errors'

/**
 * An answer's body was larger than `maxResponseBytes`: the client stopped reading it and let
 * it go, so one huge answer cannot exhaust memory. A call that gets one may have run.
 */
export class TrayResponseTooLargeError extends TrayResponseError {
  static override readonly kind: string = 'TrayResponseTooLargeError'
  /** The cap that was exceeded (`maxResponseBytes`), in bytes. */
  readonly limitBytes: number

  constructor(message: string, init: { status: number; limitBytes: number }) {
    super(message, { status: init.status, path: '' })
    this.limitBytes = init.limitBytes
  }
}
