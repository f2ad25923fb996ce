import type { CallResult } from '@traykit/core'

/**
 * A third party's failure as Tray reports it: a 200 with outcome "error" and the service's
 * status and body, e.g. `thirdPartyError(404, 'Board not found', 'Not found. Looks like this has been removed.')`.
 * Return it from a `mock.handle` handler.
 */
export function thirdPartyError(statusCode: number, body: unknown, message?: string): CallResult {
  return {
    outcome: 'error',
    output: {
      response: { statusCode, body },
      expects: { statusCode: [200, 201, 202, 203, 204] },
      message: message ?? (typeof body === 'string' ? body : `The service answered ${statusCode}`),
    },
  }
}
