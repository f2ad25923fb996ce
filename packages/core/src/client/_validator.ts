// What the client's validated call loads through `import()`: the validator, and the modules it
// shares with the first download (see _shared-with-lazy).
export { assertValidInput } from '../input-schema/assert-valid-input'
export * from './_shared-with-lazy'
