// What the client's validated call loads through `import()`: the validator, and the modules it
// shares with the first download (see _shared-with-lazy).
import { TrayValidationError } from '../errors/tray-validation-error'
import { assertValidInput } from '../input-schema/assert-valid-input'
import type { CallPayload } from '../schemas/call-payload'
import type { Operation } from '../schemas/operation'

export * from './_shared-with-lazy'
export { assertValidInput }

/**
 * Refuses a call before it is sent: to an operation that `where` (`slack@9.1`) lacks, which is
 * the caller's mistake and would cost Tray's outcome "error", or with an input its schema
 * refuses.
 */
export function assertValidCall(operations: Operation[], body: CallPayload, where: string): void {
  const operation = operations.find((op) => op.name === body.operation)
  if (!operation) {
    const message = `${where} has no operation "${body.operation}"`
    throw new TrayValidationError(`${message}; nothing was sent`, [{ path: 'operation', message }])
  }
  assertValidInput(operation, body.input, where)
}
