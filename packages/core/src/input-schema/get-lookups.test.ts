import { describe, expect, test } from 'vitest'
import { fixtureOperation, operationWith } from './__fixtures__/operations'
import { findLookup, getLookups } from './get-lookups'

describe('getLookups', () => {
  test('finds Slack lookups spelled with `message` and {{{triple}}} templates', () => {
    expect(getLookups(fixtureOperation('send_message'))).toEqual([
      { path: 'workspace_id', operation: 'list_workspaces_ddl', input: {}, dependsOn: [] },
      {
        path: 'channel_id',
        operation: 'list_channels_ddl',
        input: { include_private_channels: false, workspace_id: '{{{workspace_id}}}' },
        dependsOn: ['workspace_id'],
      },
    ])
  })

  test('finds Google Sheets lookups spelled with `operation`, in a nested object and in array items', () => {
    const columnHeading = {
      operation: 'list_worksheet_column_headers_ddl',
      input: { spreadsheet_id: '{{spreadsheet_id}}', worksheet_name: '{{worksheet_name}}' },
      dependsOn: ['spreadsheet_id', 'worksheet_name'],
    }
    const worksheetName = {
      path: 'worksheet_name',
      operation: 'list_worksheets_ddl_return_name',
      input: { spreadsheet_id: '{{spreadsheet_id}}' },
      dependsOn: ['spreadsheet_id'],
    }
    expect(getLookups(fixtureOperation('get_rows'))).toEqual([
      worksheetName,
      { path: 'filter.column_heading', ...columnHeading },
    ])
    expect(getLookups(fixtureOperation('create_row'))).toEqual([
      worksheetName,
      { path: 'data.*.column_heading', ...columnHeading },
    ])
  })

  test('collects templates anywhere in the input, once each, and skips malformed lookups', () => {
    const operation = operationWith({
      properties: {
        a: {
          lookup: { message: 'x_ddl', input: { q: 'in {{ b }} of {{{c.d}}}', list: ['{{b}}'] } },
        },
        no_name: { lookup: { input: {} } },
        not_an_object: { lookup: 'x_ddl' },
      },
    })
    expect(getLookups(operation)).toEqual([
      {
        path: 'a',
        operation: 'x_ddl',
        input: { q: 'in {{ b }} of {{{c.d}}}', list: ['{{b}}'] },
        dependsOn: ['b', 'c.d'],
      },
    ])
  })

  test('returns copies: changing one leaves the schema as it was', () => {
    const operation = fixtureOperation('send_message')
    const [, channel] = getLookups(operation)
    channel!.input.workspace_id = 'changed'
    expect(getLookups(operation)[1]!.input.workspace_id).toBe('{{{workspace_id}}}')
  })
})

describe('findLookup', () => {
  test('finds a field by its path, with array indexes or *', () => {
    const createRow = fixtureOperation('create_row')
    expect(findLookup(createRow, 'data.3.column_heading')?.path).toBe('data.*.column_heading')
    expect(findLookup(createRow, 'data.*.column_heading')?.path).toBe('data.*.column_heading')
    expect(findLookup(createRow, 'worksheet_name')?.operation).toBe(
      'list_worksheets_ddl_return_name',
    )
    expect(findLookup(createRow, 'data.x.column_heading')).toBeUndefined()
    expect(findLookup(createRow, 'spreadsheet_id')).toBeUndefined()
  })
})
