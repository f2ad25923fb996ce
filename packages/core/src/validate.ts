// @traykit/core/validate: the JSON Schema validator (@cfworker/json-schema and its messages),
// the largest part of core. The client loads it on its first validated call; import it here to
// check input yourself (a form, a dry run).
export { assertValidInput } from './input-schema/assert-valid-input'
export { type ValidationResult, validateInput } from './input-schema/validate-input'
