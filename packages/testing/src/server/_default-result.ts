import { type CallResult, fillLookupInput, type JsonObject } from '@traykit/core'
import type { MockPages, ParsedOperation } from '../catalog/mock-catalog'
import { thirdPartyError } from '../third-party-error'
import { sampleFromSchema } from './_sample-from-schema'

/**
 * What an operation answers without a handler: with `returnOutputSchema` on a dynamic-output
 * operation its output schema; else the first canned response whose `when` fits the input
 * (a page of its items, or its output with `{{{field}}}` filled in); else a sample of the
 * output schema. The answer shares nothing with the catalog or the input: a handler may change
 * what `ctx.defaultResult()` gave it.
 */
export function defaultResult(
  operation: ParsedOperation,
  input: JsonObject,
  returnOutputSchema: boolean,
): CallResult {
  const fitting = (operation.mockResponses ?? []).filter((r) => fits(r.when, input))
  const outputSchema = fitting.find((r) => r.outputSchema)?.outputSchema ?? operation.outputSchema
  if (returnOutputSchema && operation.hasDynamicOutput) {
    return { outcome: 'success', output: { output_schema: structuredClone(outputSchema) } }
  }
  const canned = fitting.find((r) => r.output || r.pages)
  if (canned?.pages) return page(canned.pages, input)
  if (canned?.output) {
    // The same template filling as a lookup's DDL input: `{{{field}}}` takes the field's value.
    // That value is the input's own (an object stays the same object), so the filled output is
    // copied: the input is what the journal keeps.
    return {
      outcome: canned.outcome ?? 'success',
      output: structuredClone(fillLookupInput({ input: canned.output }, input)),
    }
  }
  const sample = sampleFromSchema(outputSchema)
  return { outcome: 'success', output: isObject(sample) ? sample : {} }
}

function page(pages: MockPages, input: JsonObject): CallResult {
  const cursor = input[pages.cursorField]
  const start = cursor === undefined || cursor === null || cursor === '' ? 0 : Number(cursor)
  if (!Number.isInteger(start) || start < 0 || start > pages.items.length) {
    return thirdPartyError(400, `Invalid ${pages.cursorField}: ${JSON.stringify(cursor)}`)
  }
  const requested = pages.sizeField ? input[pages.sizeField] : undefined
  const size =
    typeof requested === 'number' && Number.isInteger(requested) && requested > 0
      ? requested
      : pages.defaultSize
  const end = Math.min(start + size, pages.items.length)
  const output: JsonObject = {
    [pages.itemsField]: structuredClone(pages.items.slice(start, end)),
    [pages.nextCursorField]: end < pages.items.length ? String(end) : null,
  }
  if (pages.totalField) output[pages.totalField] = pages.items.length
  return { outcome: 'success', output }
}

function fits(when: JsonObject | undefined, input: JsonObject): boolean {
  return (
    when === undefined || Object.entries(when).every(([key, value]) => jsonEqual(input[key], value))
  )
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]))
  }
  if (isObject(a) && isObject(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((k) => jsonEqual(a[k], b[k]))
  }
  return false
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
