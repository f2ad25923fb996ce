import { type CallPayload, TrayValidationError } from '@traykit/core/client'
import { parseCallPayload } from '@traykit/core/server'
import { HandlerError } from './_handler-error'

/**
 * Checks a call body with core's `parseCallPayload` (the same strict check a core client makes
 * before sending) and answers its refusal as the handler's 400 `invalid_payload`: unknown
 * fields (an `authID` typo would run the call without its authentication), `__proto__`, a
 * wrong shape, an input past core's size bounds.
 */
export function checkPayload(body: unknown): CallPayload {
  try {
    return parseCallPayload(body)
  } catch (error) {
    if (!(error instanceof TrayValidationError)) throw error
    throw new HandlerError(400, 'invalid_payload', error.message, { issues: error.issues })
  }
}
