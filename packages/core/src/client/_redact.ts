const REDACTED = '[redacted]'

/** Replaces every occurrence of the secret in a string. */
export function redactText(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join(REDACTED) : text
}

/**
 * Removes the secret from any JSON-like value. A server or proxy that echoes request headers
 * into its error body would otherwise put the token into an error a user logs.
 */
export function redactValue<T>(value: T, secret: string | undefined): T {
  if (!secret || value === undefined) return value
  const text = JSON.stringify(value)
  if (text === undefined || !text.includes(secret)) return value
  return JSON.parse(redactText(text, secret)) as T
}
