import { describe, expect, it } from 'vitest'
import { errorBody, inputValidationMessage } from './_tray-messages'

describe('inputValidationMessage', () => {
  it("writes a missing key the way Tray's documented 400 does", () => {
    expect(inputValidationMessage([{ path: 'channel', message: 'channel is required' }])).toBe(
      'Connector input validation failed. Schema validation errors: [ 1 - #: required key [channel] not found ]',
    )
  })

  it('locates nested findings with a JSON pointer at their parent object', () => {
    expect(
      inputValidationMessage([
        { path: 'filter.column_heading', message: 'column_heading is required' },
        { path: 'rows.2.colour', message: 'unknown field "colour" (not in the schema)' },
        { path: 'filter.operator', message: 'operator must be one of: Equal to, Not equal to' },
        { path: 'a/b', message: 'a/b must be a string, not a number' },
      ]),
    ).toBe(
      'Connector input validation failed. Schema validation errors: [ ' +
        '1 - #/filter: required key [column_heading] not found, ' +
        '2 - #/rows/2: extraneous key [colour] is not permitted, ' +
        '3 - #/filter/operator: operator must be one of: Equal to, Not equal to, ' +
        '4 - #/a~1b: a/b must be a string, not a number ]',
    )
  })
})

describe('errorBody', () => {
  it("gives Tray's words for a status, and code null only where asked", () => {
    expect(errorBody(401)).toEqual({ message: 'The request is unauthorized' })
    expect(errorBody(418)).toEqual({ message: 'Error 418' })
    expect(errorBody(400, 'Bad', null)).toEqual({ message: 'Bad', code: null })
  })
})
