import { expect, test } from 'vitest'
import { fixtureOperation } from './__fixtures__/operations'
import { getLookups } from './get-lookups'
import { missingDependencies } from './missing-dependencies'

const [worksheet, column] = getLookups(fixtureOperation('get_rows'))

test('lists the dependencies that are undefined, null or empty', () => {
  expect(missingDependencies(column!, {})).toEqual(['spreadsheet_id', 'worksheet_name'])
  expect(missingDependencies(column!, { spreadsheet_id: null, worksheet_name: '' })).toEqual([
    'spreadsheet_id',
    'worksheet_name',
  ])
  expect(missingDependencies(column!, { spreadsheet_id: 's' })).toEqual(['worksheet_name'])
})

test('counts 0 and false as values', () => {
  expect(missingDependencies(worksheet!, { spreadsheet_id: 0 })).toEqual([])
  expect(missingDependencies({ dependsOn: ['flag'] }, { flag: false })).toEqual([])
})

test('reads dotted dependencies from nested objects', () => {
  const lookup = { dependsOn: ['filter.sheet'] }
  expect(missingDependencies(lookup, { filter: {} })).toEqual(['filter.sheet'])
  expect(missingDependencies(lookup, { filter: { sheet: 'S' } })).toEqual([])
})
