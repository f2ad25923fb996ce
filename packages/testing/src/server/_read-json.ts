import type { Context } from 'hono'

/** The request body as JSON (read once, Hono caches it), or undefined when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text())
  } catch {
    return undefined
  }
}
