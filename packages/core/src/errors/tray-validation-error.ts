import { TrayError } from './tray-error'

/** One problem with an input: where it is (`filter.operator`, `rows.2.name`) and what is wrong. */
export interface ValidationIssue {
  path: string
  message: string
}

/** traykit rejected an input before sending it, so nothing was billed. */
export class TrayValidationError extends TrayError {
  static override readonly kind: string = 'TrayValidationError'
  readonly issues: ValidationIssue[]

  constructor(summary: string, issues: ValidationIssue[]) {
    const lines = issues.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`)
    super(lines.length ? `${summary}\n${lines.join('\n')}` : summary)
    this.issues = issues
  }
}
