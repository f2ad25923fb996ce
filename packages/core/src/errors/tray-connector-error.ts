import { clip } from '../_clip'
import { TrayError } from './tray-error'

const MAX_DETAIL = 500

/**
 * The call ran and the third-party service failed (`outcome: "error"` inside a 200).
 * The task was billed.
 */
export class TrayConnectorError extends TrayError {
  static override readonly kind: string = 'TrayConnectorError'
  /** The connector that was called (`slack`). */
  readonly connector: string
  /** The operation that was called (`send_message`). */
  readonly operation: string
  /** The third party's HTTP status, from `output.response.statusCode`, where present. */
  readonly statusCode: number | undefined
  /**
   * The third party's own message, without traykit's words around it: `output.message`, else the
   * response body when it is text, else its `message` or `error`. Its first 500 characters.
   */
  readonly thirdPartyMessage: string | undefined
  /** The connector's `output`, as Tray returned it (a thrown one has the token redacted). */
  readonly output: Record<string, unknown>

  constructor(output: Record<string, unknown>, context: { connector: string; operation: string }) {
    const statusCode = readStatusCode(output)
    // A third party's body can be a whole HTML page: the message quotes its start, `output` holds it all.
    const detail = readMessage(output)
    const thirdPartyMessage = detail === undefined ? undefined : clip(detail, MAX_DETAIL)
    super(
      `${context.connector} ${context.operation} failed` +
        (statusCode !== undefined ? ` with status ${statusCode}` : '') +
        (thirdPartyMessage ? `: ${thirdPartyMessage}` : ''),
    )
    this.connector = context.connector
    this.operation = context.operation
    this.statusCode = statusCode
    this.thirdPartyMessage = thirdPartyMessage
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
  if (typeof output.message === 'string' && output.message.trim() !== '') return output.message
  const response = output.response
  const body =
    response && typeof response === 'object'
      ? (response as Record<string, unknown>).body
      : undefined
  if (typeof body === 'string') return body.trim() === '' ? undefined : body
  if (!body || typeof body !== 'object') return undefined
  // JSON bodies of common APIs: `{ message }`, `{ error: "…" }`, `{ error: { message } }`.
  const { message, error } = body as Record<string, unknown>
  if (typeof message === 'string') return message
  if (typeof error === 'string') return error
  if (error && typeof error === 'object') {
    const nested = (error as Record<string, unknown>).message
    if (typeof nested === 'string') return nested
  }
  return undefined
}
