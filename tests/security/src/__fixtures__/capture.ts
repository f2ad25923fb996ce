import { format, inspect } from 'node:util'
import type { Capture, Source } from './secret-token'

/** Collects captures for one source. */
export class Captures {
  readonly list: Capture[] = []

  constructor(readonly source: Source) {}

  /** Adds a text the entry point produced. */
  add(what: string, text: string): void {
    this.list.push({ source: this.source, what, text })
  }

  /**
   * Adds every way a user could see an error: `String`, its message and stack,
   * `JSON.stringify`, `util.inspect` with hidden properties, and the same for each `cause`.
   */
  addError(what: string, error: unknown): void {
    let current: unknown = error
    for (let depth = 0; current !== undefined && depth < 5; depth++) {
      const label = depth === 0 ? what : `${what}, cause ${depth}`
      this.add(`${label}: String()`, String(current))
      this.add(`${label}: JSON.stringify`, stringify(current))
      this.add(`${label}: util.inspect`, inspect(current, { depth: 10, showHidden: true }))
      if (current instanceof Error) {
        this.add(`${label}: message`, current.message)
        this.add(`${label}: stack`, current.stack ?? '')
      }
      current = (current as { cause?: unknown } | null)?.cause
    }
  }

  /** Adds a response: status line, every header and the body. */
  async addResponse(what: string, response: Response): Promise<void> {
    const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`)
    const body = await response.text()
    this.add(what, [`${response.status} ${response.statusText}`, ...headers, '', body].join('\n'))
  }
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? ''
  } catch (error) {
    return `JSON.stringify threw: ${String(error)}`
  }
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const

/**
 * Records everything written through `console` while `task` runs (and keeps it off the test
 * report), so a library that logs is scanned like any other output.
 */
export async function withConsoleCaptured<T>(captures: Captures, task: () => Promise<T>) {
  const originals = CONSOLE_METHODS.map((name) => [name, console[name]] as const)
  for (const name of CONSOLE_METHODS) {
    console[name] = (...args: unknown[]) => captures.add(`console.${name}`, format(...args))
  }
  try {
    return await task()
  } finally {
    for (const [name, original] of originals) console[name] = original
  }
}
