/** A caller's id is kept only when it cannot smuggle anything into logs or headers. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/** The request id to answer with: the caller's `x-request-id` when it looks safe, else a new UUID. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id')
  return given !== null && SAFE_ID.test(given) ? given : crypto.randomUUID()
}
