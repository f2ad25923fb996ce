/**
 * The brand that makes `instanceof` work across duplicate installs of @traykit/core: each
 * error carries the kinds of its class chain under a registry symbol, and every error class
 * checks that list instead of its own prototype chain.
 */
const KINDS = Symbol.for('traykit.error.kinds')

type Branded = { [KINDS]?: readonly string[] }

/** The root of every error traykit throws. */
export class TrayError extends Error {
  /** The class's name in the brand, fixed so minifiers cannot rename it. */
  static readonly kind: string = 'TrayError'

  static override [Symbol.hasInstance](value: unknown): boolean {
    const kinds = (value as Branded | null | undefined)?.[KINDS]
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class being tested, a subclass included.
    return Array.isArray(kinds) && kinds.includes(this.kind)
  }

  declare readonly [KINDS]: readonly string[]

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    const kinds: string[] = []
    for (let c = new.target as unknown as typeof TrayError; c?.kind; c = Object.getPrototypeOf(c)) {
      if (!kinds.includes(c.kind)) kinds.push(c.kind)
    }
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false })
    Object.defineProperty(this, 'name', {
      value: (new.target as unknown as typeof TrayError).kind,
      enumerable: false,
      configurable: true,
      writable: true,
    })
  }

  /** What `JSON.stringify(error)` shows: the name, the message and the public fields. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) }
  }
}

/** Adds kinds to an error's brand, so `instanceof` those classes holds for it too (internal). */
export function addKinds(error: TrayError, ...kinds: string[]): void {
  const own = error[KINDS] as string[]
  for (const kind of kinds) if (!own.includes(kind)) own.push(kind)
}
