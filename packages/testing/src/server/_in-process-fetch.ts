import type { Hono } from 'hono'
import { connectionResetError, isDropped } from './_dropped-connection'

/**
 * A fetch that answers from the app without a socket, behaving like a real fetch where it
 * matters: it rejects on abort with the signal's reason, and on a dropped connection.
 */
export function createInProcessFetch(app: Pick<Hono, 'fetch'>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const signal = request.signal
    signal.throwIfAborted()
    const response = await new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason)
      signal.addEventListener('abort', onAbort, { once: true })
      Promise.resolve(app.fetch(request))
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort))
    })
    if (isDropped(response)) throw connectionResetError()
    return response
  }
}
