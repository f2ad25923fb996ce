/** Exit codes, as documented in the README. */
export const EXIT = {
  ok: 0,
  /** Tray, the network or the third-party service failed. */
  failure: 1,
  /** The command line or the input is wrong; nothing was sent. */
  usage: 2,
  /** No token, or the token was rejected. */
  credentials: 3,
  /** The user pressed Ctrl-C at a prompt. */
  interrupted: 130,
} as const

/** An error the CLI explains itself, with the exit code it ends the process with. */
export class CliError extends Error {
  override readonly name = 'CliError'
  readonly exitCode: number
  /** Already reported to the user: exit without printing anything more. */
  readonly silent: boolean

  constructor(message: string, exitCode: number, options: { silent?: boolean } = {}) {
    super(message)
    this.exitCode = exitCode
    this.silent = options.silent ?? false
  }
}

/** A usage or input mistake (exit 2). */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage)
}

/**
 * A failure that names something the server lacks, with the nearest name it has: reported as
 * `error` is, with "Did you mean …?" added (and `suggestion` in `--json`).
 */
export class SuggestedError extends Error {
  override readonly name = 'SuggestedError'
  readonly suggestion: string

  constructor(error: unknown, suggestion: string) {
    super(error instanceof Error ? error.message : String(error), { cause: error })
    this.suggestion = suggestion
  }
}
