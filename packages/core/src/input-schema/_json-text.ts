/** A value's JSON text, or undefined when it has none (a cycle, a bigint, too deep to write out). */
export function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}
