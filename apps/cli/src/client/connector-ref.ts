import { usageError } from '../cli-error'

/** A `<connector>[@version]` argument. */
export interface ConnectorRef {
  name: string
  /** Absent: the latest version. */
  version: string | undefined
}

/** Splits `slack@9.1` into name and version; `slack` alone means the latest version. */
export function parseConnectorRef(text: string): ConnectorRef {
  const at = text.lastIndexOf('@')
  const name = at === -1 ? text : text.slice(0, at)
  const version = at === -1 ? undefined : text.slice(at + 1)
  if (!name || version === '' || /\s/.test(text)) {
    throw usageError(`Expected <connector>[@version], such as slack or slack@9.1; got "${text}"`)
  }
  return { name, version }
}

/** Splits `<service>@<serviceVersion>` (slack@4), the address of a service's environments. */
export function parseServiceRef(text: string): { service: string; version: number } {
  const match = /^([^@\s]+)@(\d+)$/.exec(text)
  if (!match) {
    throw usageError(
      `Expected <service>@<serviceVersion>, such as slack@4 (the SERVICE column of \`traykit connectors\`); got "${text}"`,
    )
  }
  return { service: match[1]!, version: Number(match[2]) }
}
