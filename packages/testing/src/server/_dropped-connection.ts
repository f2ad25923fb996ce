/**
 * Marks an answer whose connection must be dropped. The in-process fetch turns it into a
 * network error, `listen()` destroys the socket; on other runtimes the body stream fails,
 * which ends the connection mid-response.
 */
const DROP_HEADER = 'x-mock-tray-drop'

/** An answer that stands for a dropped connection. */
export function droppedResponse(): Response {
  const body = new ReadableStream({
    start(controller) {
      controller.error(new TypeError('The mock dropped the connection'))
    },
  })
  return new Response(body, { status: 200, headers: { [DROP_HEADER]: '1' } })
}

/** True when the answer stands for a dropped connection. */
export function isDropped(response: Response): boolean {
  return response.headers.has(DROP_HEADER)
}

/** The error a fetch gives when the server resets the connection (undici's shape). */
export function connectionResetError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), { code: 'ECONNRESET' })
  return new TypeError('fetch failed', { cause })
}
