const MAX_SHOWN = 80

/** Text to quote in a message, cut to its start when long, so one error stays one readable line. */
export function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text
}
