import { clip } from '../_clip'
import { TrayError } from './tray-error'

const MAX_DETAIL = 500

/**
 * The call ran and the third-party service failed (`outcome: "error"` inside a 200).
 * The task was billed.
 */
export class TrayConnectorError extends TrayError {
  static override readonly kind: string = 'TrayConnectorError'
  /** The third party's HTTP status, from `output.response.statusCode`, where present. */
  readonly statusCode: number | undefined
  /** The connector's `output`, as Tray returned it. */
  readonly output: Record<string, unknown>

  constructor(output: Record<string, unknown>, context: { connector: string; operation: string }) {
    const statusCode = readStatusCode(output)
    // A third party's body can be a whole HTML page: the message quotes its start, `output` holds it all.
    const detail = readMessage(output)
    super(
      `${context.connector} ${context.operation} failed` +
        (statusCode !== undefined ? ` with status ${statusCode}` : '') +
        (detail ? `: ${clip(detail, MAX_DETAIL)}` : ''),
    )
    this.statusCode = statusCode
    this.output = output
  }
}

function readStatusCode(output: Record<string, unknown>): number | undefined {
  const response = output.response
  if (response && typeof response === 'object') {
    const code = (response as Record<string, unknown>).statusCode
    if (typeof code === 'number') return code
  }
  return undefined
}

function readMessage(output: Record<string, unknown>): string | undefined {
  if (typeof output.message === 'string') return output.message
  const body = (output.response as Record<string, unknown> | undefined)?.body
  return typeof body === 'string' ? body : undefined
}
