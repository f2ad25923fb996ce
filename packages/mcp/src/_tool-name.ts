/** Longest tool name: MCP allows 128, but OpenAI's and Anthropic's tool APIs stop at 64. */
const MAX_LENGTH = 64

/**
 * The tool name of an operation, `slack_9_1__send_message`: the connector, its version and the
 * operation, in the characters every MCP client accepts (`[A-Za-z0-9_-]`, at most 64). A name
 * cut to fit ends in a hash of the whole, so two long names never meet.
 */
export function toolName(connector: string, version: string, operation: string): string {
  const name = `${safe(connector)}_${safe(version)}__${safe(operation)}`
  if (name.length <= MAX_LENGTH) return name
  const hash = fnv1a(`${connector}\u0000${version}\u0000${operation}`)
  return `${name.slice(0, MAX_LENGTH - hash.length - 1)}_${hash}`
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]/g, '_')
}

/** A short, stable hash (FNV-1a, 32 bits) in base 36: no crypto needed to tell names apart. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}

/** What every tool name of one connector version starts with (`slack_9_1__`). */
export function toolPrefix(connector: string, version: string): string {
  return `${safe(connector)}_${safe(version)}__`
}
