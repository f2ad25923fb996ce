const BUILT_IN_PROTOTYPES = { Object, Array, Function, String, Number, Boolean }

/**
 * The own property names of the built-in prototypes: the same list before and after a test
 * means nothing polluted them (`--set __proto__.x=1` would add `Object.x`).
 */
export function prototypeNames(): string[] {
  return Object.entries(BUILT_IN_PROTOTYPES).flatMap(([name, type]) =>
    Object.getOwnPropertyNames(type.prototype).map((key) => `${name}.${key}`),
  )
}
