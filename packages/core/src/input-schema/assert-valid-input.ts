import { TrayValidationError } from '../errors/tray-validation-error'
import type { Operation } from '../schemas/operation'
import { validateInput } from './validate-input'

/**
 * Throws `TrayValidationError` when a call's input does not fit the operation's input schema,
 * with each issue's path under `input.` (as in the call payload). `callConnector` runs it
 * before sending; a tool that must check before it says anything else (a dry run) runs it too.
 *
 * @example
 * assertValidInput(sendMessage, { text: 'hi' }, 'slack@9.1')
 * // TrayValidationError: Input for slack@9.1 send_message is invalid; nothing was sent
 * //   - input.channel: channel is required
 */
export function assertValidInput(operation: Operation, input: unknown, connector: string): void {
  const result = validateInput(operation, input)
  if (result.valid) return
  throw new TrayValidationError(
    `Input for ${connector} ${operation.name} is invalid; nothing was sent`,
    result.issues.map((i) => ({ path: i.path ? `input.${i.path}` : 'input', message: i.message })),
  )
}
