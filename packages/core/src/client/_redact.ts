const REDACTED = '[redacted]'

/** Replaces every occurrence of the secret in a string. */
export function redactText(text: string, secret: string | undefined): string {
  return secret && text.includes(secret) ? text.split(secret).join(REDACTED) : text
}

/**
 * Makes the redaction of response bodies for one secret: it is removed as written and as JSON
 * escapes it, so that neither the parsed value nor a message quoting it can carry it. The
 * escaped spelling is worked out once, not on every response.
 */
export function jsonTextRedactor(secret: string | undefined): (text: string) => string {
  if (!secret) return (text) => text
  const spelled = JSON.stringify(secret).slice(1, -1)
  if (spelled === secret) return (text) => redactText(text, secret)
  return (text) => redactText(redactText(text, secret), spelled)
}
