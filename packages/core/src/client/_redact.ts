const REDACTED = '[redacted]'

/** Replaces every occurrence of the secret in a string. */
export function redactText(text: string, secret: string | undefined): string {
  return secret && text.includes(secret) ? text.split(secret).join(REDACTED) : text
}

/**
 * Removes the secret from a response body, spelled as it is or as JSON escapes it, so that
 * neither the parsed value nor a message quoting it can carry the token.
 */
export function redactJsonText(text: string, secret: string | undefined): string {
  if (!secret) return text
  const spelled = JSON.stringify(secret).slice(1, -1)
  const redacted = redactText(text, secret)
  return spelled === secret ? redacted : redactText(redacted, spelled)
}
