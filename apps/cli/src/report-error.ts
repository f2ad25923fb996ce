import {
  TrayApiError,
  TrayAuthenticationError,
  TrayConnectorError,
  TrayError,
  TrayValidationError,
} from '@traykit/core/client'
import { errorOutcome } from '@traykit/core/server'
import { CliError, EXIT, SuggestedError } from './cli-error'
import { currentRun, redactSecrets, redactValue } from './cli-io'
import { errorKind } from './error-kind'
import { exitCodeOf } from './exit-code-of'
import { stripAnsi } from './output/colors'
import { safeJson, safeText } from './output/safe-text'

interface Described {
  exitCode: number
  message: string
  hint?: string | undefined
  /** The fields a script reads (`--json`): status, issues, the third party's output… */
  fields?: Record<string, unknown>
}

/** Prints an error on stderr (one JSON document with `--json`) and returns its exit code. */
export function reportError(
  thrown: unknown,
  options: { json: boolean; debug: boolean; command: string },
): number {
  if (thrown instanceof CliError && thrown.silent) return thrown.exitCode
  const { io } = currentRun()
  const suggestion = thrown instanceof SuggestedError ? thrown.suggestion : undefined
  const error = thrown instanceof SuggestedError ? thrown.cause : thrown
  const described = describeError(error, options.command)
  if (suggestion !== undefined) {
    described.message += `. Did you mean "${suggestion}"?`
    described.fields = { ...described.fields, suggestion }
  }
  if (options.json) {
    const body = {
      error: { type: errorKind(error), message: described.message, ...described.fields },
    }
    io.stderr.write(`${safeJson(JSON.stringify(redactValue(body)))}\n`)
  } else {
    const lines = [`error: ${described.message}`]
    if (described.hint) lines.push(described.hint)
    if (
      options.debug &&
      error instanceof Error &&
      !(error instanceof TrayError || error instanceof CliError)
    ) {
      lines.push(error.stack ?? '')
    }
    io.stderr.write(`${redactSecrets(safeText(lines.join('\n')))}\n`)
  }
  return described.exitCode
}

function describeError(error: unknown, command: string): Described {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message }
  // citty's own argument errors (a missing positional or required flag).
  if (error instanceof Error && error.name === 'CLIError') {
    return {
      exitCode: EXIT.usage,
      message: stripAnsi(error.message),
      hint: `Run \`${command} --help\` for its usage.`,
    }
  }
  // Core's one error table decides the exit code; the words are the CLI's own.
  const exitCode = exitCodeOf(errorOutcome(error))
  if (error instanceof TrayValidationError) {
    return { exitCode, message: error.message, fields: { issues: error.issues } }
  }
  if (error instanceof TrayConnectorError) {
    return {
      exitCode,
      message: error.message,
      fields: { statusCode: error.statusCode, output: error.output },
    }
  }
  if (error instanceof TrayApiError) {
    const fields = { status: error.status, code: error.code, requestId: error.requestId }
    const request = error.requestId ? `, request id ${error.requestId}` : ''
    if (error instanceof TrayAuthenticationError) {
      return {
        exitCode,
        message: `Tray rejected the token (401): ${error.message}`,
        hint: 'Check it with `traykit auth status`, or save a new one with `traykit auth login`.',
        fields,
      }
    }
    return {
      exitCode,
      message: `${error.message} (${error.status}${request})`,
      fields,
    }
  }
  if (error instanceof TrayError) return { exitCode, message: error.message }
  const message = error instanceof Error ? error.message : String(error)
  return {
    exitCode,
    message: `unexpected failure: ${message}`,
    hint: 'Run again with --debug for details.',
  }
}
