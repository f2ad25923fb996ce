import type { ValidationIssue } from '../errors/tray-validation-error'
import type { Operation } from '../schemas/operation'

/** The result of checking an input against an operation's input schema. */
export type ValidationResult = { valid: true } | { valid: false; issues: ValidationIssue[] }

/** Interim check of top-level required fields; the full JSON Schema validator replaces it. */
export function validateInput(operation: Operation, input: unknown): ValidationResult {
  const required = operation.inputSchema.required
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { valid: false, issues: [{ path: '', message: 'input must be an object' }] }
  }
  const issues = (Array.isArray(required) ? required : [])
    .filter((key): key is string => typeof key === 'string' && !(key in input))
    .map((key) => ({ path: key, message: `${key} is required` }))
  return issues.length ? { valid: false, issues } : { valid: true }
}
