import type { ErrorOutcome } from '@traykit/core/server'
import { EXIT } from './cli-error'

/**
 * The exit code of a failure, read from core's error table (`errorOutcome`): 3 when the token
 * was rejected (401), 2 when the input was refused before anything ran (400: fix the command
 * line, retrying will not help), 1 for anything else (Tray, the network, the third party).
 */
export function exitCodeOf(outcome: ErrorOutcome): number {
  if (outcome.status === 401) return EXIT.credentials
  if (outcome.status === 400) return EXIT.usage
  return EXIT.failure
}
