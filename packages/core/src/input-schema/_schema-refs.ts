import type { Schema } from '@cfworker/json-schema'

/**
 * How many times one validation may follow a `$ref`. A recursive schema with alternatives
 * (`anyOf: [{ $ref: '#' }, …]`) doubles its work at every level of the input: 15 levels of
 * input would take seconds, 30 longer than anyone waits; a `$ref` loop that never goes into a
 * field would never end. No form Tray renders comes near this (a recursive filter of a few
 * hundred conditions follows a few hundred), and the worst an input can cost within it is
 * about a tenth of a second.
 */
export const REF_BUDGET = 1_000

/** Thrown, and turned into an issue, when a validation reaches a limit of its `$ref`s. */
export class RefProblem extends Error {}

/**
 * The `$ref` table for one validation: each lookup counts against `REF_BUDGET`, and a `$ref` to
 * something the schema does not define (remote schemas are not fetched) says so by its name.
 */
export function budgetedRefs(refs: Record<string, Schema | boolean>, base: string) {
  let left = REF_BUDGET
  return new Proxy(refs, {
    get(target, uri) {
      if (--left < 0) {
        throw new RefProblem(
          `its $refs were followed ${REF_BUDGET} times: a $ref loop, input nested too deeply, or too many alternatives`,
        )
      }
      const schema = Reflect.get(target, uri)
      if (schema !== undefined) return schema
      // The validator resolves every `$ref` against the schema's own address: show it relative.
      const shown = String(uri).startsWith(`${base}#`)
        ? String(uri).slice(base.length)
        : String(uri)
      throw new RefProblem(`its $ref ${JSON.stringify(shown)} points to nothing in the schema`)
    },
  })
}
