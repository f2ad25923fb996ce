import { describe, expect, test } from 'vitest'
import { fixtureOperation, operationWith } from './__fixtures__/operations'
import { describeFields } from './describe-fields'

describe('describeFields', () => {
  test('lists every Google Sheets get_rows field, nested ones after their parent, in schema order', () => {
    const fields = describeFields(fixtureOperation('get_rows'))
    expect(fields.map((f) => f.path)).toEqual([
      'worksheet_name',
      'spreadsheet_id',
      'filter',
      'filter.column_heading',
      'filter.operator',
      'filter.value',
      'filter.sort_direction',
      'number_of_rows',
      'format_response',
    ])
    const byPath = new Map(fields.map((f) => [f.path, f]))
    expect(byPath.get('number_of_rows')).toEqual({
      path: 'number_of_rows',
      type: ['integer'],
      title: 'Number of rows',
      description: 'The number of the rows you wish to get.',
      required: true,
      advanced: false,
      enum: undefined,
      enumLabels: undefined,
      default: 100,
      lookup: undefined,
    })
    expect(byPath.get('filter.sort_direction')).toMatchObject({
      type: ['string'],
      required: false,
      enum: ['ascending', 'descending'],
      enumLabels: ['Ascending', 'Descending'],
    })
    expect(byPath.get('filter.value')?.type).toEqual(['string', 'number', 'boolean'])
    expect(byPath.get('filter.column_heading')?.lookup).toMatchObject({
      path: 'filter.column_heading',
      operation: 'list_worksheet_column_headers_ddl',
      dependsOn: ['spreadsheet_id', 'worksheet_name'],
    })
  })

  test("describes array items as '<array>.*' and their fields below it", () => {
    const fields = describeFields(fixtureOperation('create_row'))
    expect(fields.map((f) => [f.path, f.required])).toEqual([
      ['spreadsheet_id', true],
      ['worksheet_name', true],
      ['data', true],
      ['data.*', false],
      ['data.*.column_heading', true],
      ['data.*.value', true],
      ['value_input_option', true],
    ])
    expect(fields.find((f) => f.path === 'value_input_option')).toMatchObject({
      enum: ['RAW', 'USER_ENTERED'],
      enumLabels: ['Raw value', 'User entered'],
      default: 'RAW',
    })
  })

  test('marks Slack advanced fields and reads both lookup spellings', () => {
    const fields = describeFields(fixtureOperation('send_message'))
    expect(fields.filter((f) => f.advanced).map((f) => f.path)).toEqual(['description'])
    expect(fields.filter((f) => f.lookup).map((f) => f.lookup?.operation)).toEqual([
      'list_workspaces_ddl',
      'list_channels_ddl',
    ])
  })

  test('indexes tuple items, skips boolean field schemas and leaves the schema unchanged', () => {
    const operation = operationWith({
      properties: {
        point: { type: 'array', items: [{ type: 'number' }, { type: 'number', default: 0 }] },
        anything: true,
        nothing: false,
      },
    })
    const fields = describeFields(operation)
    expect(fields.map((f) => f.path)).toEqual(['point', 'point.0', 'point.1'])
    ;(fields[2]!.default as unknown) = 5
    expect(describeFields(operation)[2]!.default).toBe(0)
  })
})
