import { describe, expect, test } from 'vitest'
import { fixtureOperation, operationWith } from './__fixtures__/operations'
import { compiledCount } from './_compiled-schema'
import { validateInput } from './validate-input'

const valid = { spreadsheet_id: 's', worksheet_name: 'w', number_of_rows: 10 }

/** How many compilations running `fn` caused. */
function compilationsDuring(fn: () => void): number {
  const before = compiledCount()
  fn()
  return compiledCount() - before
}

describe('validateInput compiles a schema once', () => {
  test('the second validation of an operation reuses the first compilation', () => {
    const operation = fixtureOperation('get_rows')
    expect(compilationsDuring(() => validateInput(operation, valid))).toBe(1)
    expect(compilationsDuring(() => validateInput(operation, valid))).toBe(0)
    expect(compilationsDuring(() => validateInput(operation, { number_of_rows: 'x' }))).toBe(0)
  })

  test('an equal schema in a new object (a deserialized catalog) is not compiled again', () => {
    const schema = { type: 'object', required: ['unique_to_this_test'] }
    expect(compilationsDuring(() => validateInput(operationWith(schema), {}))).toBe(1)
    expect(
      compilationsDuring(() => validateInput(operationWith(structuredClone(schema)), {})),
    ).toBe(0)
  })

  test('a changed schema is compiled again and its new rules apply', () => {
    const operation = fixtureOperation('get_rows')
    validateInput(operation, valid)

    const stricter = structuredClone(operation)
    stricter.inputSchema.required = ['spreadsheet_id', 'worksheet_name', 'number_of_rows', 'filter']
    let result = validateInput(stricter, valid)
    expect(result).toEqual({
      valid: false,
      issues: [{ path: 'filter', message: 'filter is required' }],
    })

    // Replacing a top-level part of the same object is noticed too.
    operation.inputSchema.required = ['spreadsheet_id', 'format_response']
    expect(
      compilationsDuring(() => {
        result = validateInput(operation, valid)
      }),
    ).toBe(1)
    expect(result).toEqual({
      valid: false,
      issues: [{ path: 'format_response', message: 'format_response is required' }],
    })
  })

  test('a schema that cannot compile is not retried on every call', () => {
    const broken = operationWith({
      properties: { a: { $id: 'https://x.test/b' }, b: { $id: 'https://x.test/b' } },
    })
    expect(compilationsDuring(() => validateInput(broken, {}))).toBe(1)
    expect(compilationsDuring(() => validateInput(broken, {}))).toBe(0)
  })
})
