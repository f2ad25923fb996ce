import {
  TrayAbortError,
  TrayApiError,
  TrayAuthenticationError,
  TrayConnectionError,
  TrayConnectorError,
  TrayError,
  TrayResponseError,
  TrayTimeoutError,
  TrayValidationError,
} from '@traykit/core'
import { CliError, EXIT } from './cli-error'

/** The `type` of a `--json` error: one snake_case word per kind of failure, as the README lists. */
export type ErrorKind =
  | 'usage_error'
  | 'validation_error'
  | 'credentials_error'
  | 'tray_api_error'
  | 'connector_error'
  | 'network_error'
  | 'response_error'
  | 'tray_error'
  | 'internal_error'

/** What kind of failure `error` is, for scripts: never a class name, which may change. */
export function errorKind(error: unknown): ErrorKind {
  if (error instanceof CliError)
    return error.exitCode === EXIT.credentials ? 'credentials_error' : 'usage_error'
  // citty's own argument errors (a missing positional or required flag).
  if (error instanceof Error && error.name === 'CLIError') return 'usage_error'
  if (error instanceof TrayValidationError) return 'validation_error'
  if (error instanceof TrayAuthenticationError) return 'credentials_error'
  if (error instanceof TrayApiError) return 'tray_api_error'
  if (error instanceof TrayConnectorError) return 'connector_error'
  if (
    error instanceof TrayConnectionError ||
    error instanceof TrayTimeoutError ||
    error instanceof TrayAbortError
  )
    return 'network_error'
  if (error instanceof TrayResponseError) return 'response_error'
  if (error instanceof TrayError) return 'tray_error'
  return 'internal_error'
}
