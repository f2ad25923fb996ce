// @traykit/core/forms: pure helpers that read an operation's input schema to build a form. No
// network, no validator: `validateInput` is `@traykit/core/validate`.
export type { JsonType } from './input-schema/_json-schema'
export { checkInputBounds, INPUT_LIMITS, type InputLimits } from './input-schema/check-input-bounds'
export { describeFields, type FieldDescription } from './input-schema/describe-fields'
export { examplePayload } from './input-schema/example-payload'
export { fillLookupInput } from './input-schema/fill-lookup-input'
export { type FieldLookup, findLookup, getLookups } from './input-schema/get-lookups'
export { missingDependencies } from './input-schema/missing-dependencies'
