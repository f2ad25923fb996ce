/** The names `traykit generate types` gives an operation's input and output types. */
export interface OperationTypeNames {
  input: string
  output: string
}

/**
 * `slack`, `9.1`, `send_message` → `SlackV9_1SendMessageInput` / `…Output`. The version is in
 * the name so that two versions of a connector can share one file, and `describe` can print the
 * name without knowing what was generated.
 */
export function operationTypeNames(
  connector: string,
  version: string,
  operation: string,
): OperationTypeNames {
  const base = `${identifierStart(pascalCase(connector))}V${version.replace(/[^A-Za-z0-9]+/g, '_')}${pascalCase(operation)}`
  return { input: `${base}Input`, output: `${base}Output` }
}

/** `google-sheets` → `GoogleSheets`: ASCII letters and digits only, each word capitalised. */
function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')
}

/** An identifier cannot start with a digit or be empty (a name of only other characters). */
function identifierStart(name: string): string {
  return /^[A-Za-z]/.test(name) ? name : `Tray${name}`
}
