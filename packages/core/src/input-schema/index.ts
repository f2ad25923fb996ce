export { type ValidationResult, validateInput } from './validate-input'
