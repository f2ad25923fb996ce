/**
 * A token reduced to a recognisable stub: at most a third of it shows, and never more than
 * its first 4 and last 2 characters (`abcd…yz`).
 */
export function maskToken(token: string): string {
  const visible = Math.min(6, Math.floor(token.length / 3))
  const head = Math.ceil((visible * 2) / 3)
  const tail = visible - head
  return `${token.slice(0, head)}…${tail > 0 ? token.slice(-tail) : ''}`
}
