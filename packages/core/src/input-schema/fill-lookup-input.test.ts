import { expect, test } from 'vitest'
import { fixtureOperation } from './__fixtures__/operations'
import { fillLookupInput } from './fill-lookup-input'
import { getLookups } from './get-lookups'

const [, channel] = getLookups(fixtureOperation('send_message'))
const [, column] = getLookups(fixtureOperation('get_rows'))

test('a whole-string template takes the field value with its type', () => {
  expect(fillLookupInput(channel!, { workspace_id: 'T123' })).toEqual({
    include_private_channels: false,
    workspace_id: 'T123',
  })
  expect(fillLookupInput(channel!, { workspace_id: 42 })).toEqual({
    include_private_channels: false,
    workspace_id: 42,
  })
  expect(fillLookupInput({ input: { ids: '{{ids}}' } }, { ids: [1, 2] })).toEqual({ ids: [1, 2] })
})

test('both template spellings fill, and a template inside text is written as text', () => {
  expect(fillLookupInput(column!, { spreadsheet_id: 'sheet-1', worksheet_name: 'Sheet1' })).toEqual(
    {
      spreadsheet_id: 'sheet-1',
      worksheet_name: 'Sheet1',
    },
  )
  const lookup = { input: { q: 'page {{page}} of {{{book}}}', nested: { list: ['{{n}}'] } } }
  expect(fillLookupInput(lookup, { page: 3, book: { id: 1 }, n: 7 })).toEqual({
    q: 'page 3 of {"id":1}',
    nested: { list: [7] },
  })
})

test('names a nested field with a dotted path; an empty field is left out or written as nothing', () => {
  const lookup = {
    input: { sheet: '{{filter.sheet}}', label: 'sheet {{missing}}', gone: '{{missing}}' },
  }
  expect(fillLookupInput(lookup, { filter: { sheet: 'S' } })).toEqual({
    sheet: 'S',
    label: 'sheet ',
  })
})

test('does not change the lookup', () => {
  fillLookupInput(channel!, { workspace_id: 'T1' })
  expect(channel!.input.workspace_id).toBe('{{{workspace_id}}}')
})
