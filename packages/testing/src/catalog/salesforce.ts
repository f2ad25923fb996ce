import { thirdPartyError } from '../third-party-error'
import { INPUT_SCHEMA, OUTPUT_SCHEMA } from './_shared'
import type { MockCatalogConnector, MockCatalogService } from './mock-catalog'

const accounts = [
  { Id: '0015g00000A1', Name: 'Acme', Industry: 'Manufacturing' },
  { Id: '0015g00000A2', Name: 'Globex', Industry: 'Energy' },
  { Id: '0015g00000A3', Name: 'Initech', Industry: 'Technology' },
  { Id: '0015g00000A4', Name: 'Umbrella', Industry: 'Biotechnology' },
  { Id: '0015g00000A5', Name: 'Hooli', Industry: 'Technology' },
]

const contacts = [
  { Id: '0035g00000C1', FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com' },
  { Id: '0035g00000C2', FirstName: 'Alan', LastName: 'Turing', Email: 'alan@example.com' },
  { Id: '0035g00000C3', FirstName: 'Grace', LastName: 'Hopper', Email: 'grace@example.com' },
]

/** Salesforce's cursor fields, as Tray's pagination notes describe them. */
const pagesOf = (items: object[]) => ({
  items,
  itemsField: 'records',
  cursorField: 'page_offset',
  nextCursorField: 'next_page_offset',
  sizeField: 'batch_size',
  defaultSize: 2,
  totalField: 'total',
})

/** What `returnOutputSchema: true` answers for a record type with these fields. */
const recordSchema = (properties: Record<string, object>) => ({
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  properties,
})

const accountSchema = recordSchema({
  Id: { type: 'string' },
  Name: { type: 'string' },
  Industry: { type: 'string' },
})

const contactSchema = recordSchema({
  Id: { type: 'string' },
  FirstName: { type: 'string' },
  LastName: { type: 'string' },
  Email: { type: 'string', format: 'email' },
})

const objectType = {
  type: 'string',
  title: 'Record type',
  enum: ['Account', 'Contact'],
  enumLabels: ['Account', 'Contact'],
}

/**
 * A Salesforce-like connector with the two shapes the rest of the catalog lacks: a paginated
 * operation (`find_records`, cursor in `page_offset`, out in `next_page_offset`) and a
 * dynamic-output one (`get_record`, whose output schema depends on the record type).
 */
export const salesforceConnector: MockCatalogConnector = {
  name: 'salesforce',
  version: '8.6',
  title: 'Salesforce',
  description: 'CRM: accounts, contacts, leads and opportunities.',
  service: { id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', name: 'salesforce', version: 5 },
  operations: [
    {
      name: 'find_records',
      title: 'Find Records',
      description: 'Find records of a type, a page at a time.',
      inputSchema: {
        $schema: INPUT_SCHEMA,
        type: 'object',
        additionalProperties: false,
        required: ['object_type'],
        advanced: ['batch_size', 'page_offset'],
        properties: {
          object_type: objectType,
          batch_size: {
            type: 'integer',
            title: 'Batch size',
            description: 'Records per page',
            minimum: 1,
            maximum: 2000,
            default: 2,
          },
          page_offset: {
            type: 'string',
            title: 'Page offset',
            description: 'The next_page_offset of the previous page',
          },
        },
      },
      outputSchema: {
        $schema: OUTPUT_SCHEMA,
        type: 'object',
        properties: {
          records: { type: 'array', items: { type: 'object' } },
          next_page_offset: { type: ['string', 'null'] },
          total: { type: 'integer' },
        },
      },
      hasDynamicOutput: false,
      authScopes: ['api'],
      mockResponses: [
        { when: { object_type: 'Account' }, pages: pagesOf(accounts) },
        { when: { object_type: 'Contact' }, pages: pagesOf(contacts) },
      ],
    },
    {
      name: 'get_record',
      title: 'Get Record',
      description: 'Get one record by ID; its fields depend on the record type.',
      inputSchema: {
        $schema: INPUT_SCHEMA,
        type: 'object',
        additionalProperties: false,
        required: ['object_type', 'record_id'],
        properties: {
          object_type: objectType,
          record_id: { type: 'string', title: 'Record ID' },
        },
      },
      outputSchema: { $schema: OUTPUT_SCHEMA, type: 'object', properties: {} },
      hasDynamicOutput: true,
      authScopes: ['api'],
      mockResponses: [
        {
          when: { record_id: '000000000000' },
          ...thirdPartyError(
            404,
            [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
            'Not found. Looks like this has been removed.',
          ),
        },
        {
          when: { object_type: 'Account' },
          outputSchema: accountSchema,
          output: { Id: '{{{record_id}}}', Name: 'Acme', Industry: 'Manufacturing' },
        },
        {
          when: { object_type: 'Contact' },
          outputSchema: contactSchema,
          output: {
            Id: '{{{record_id}}}',
            FirstName: 'Ada',
            LastName: 'Lovelace',
            Email: 'ada@example.com',
          },
        },
      ],
    },
  ],
}

export const salesforceService: MockCatalogService = {
  name: 'salesforce',
  version: 5,
  environments: [
    {
      id: 'd4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a',
      title: 'Production',
      authenticationType: 'oauth2',
      userDataSchema: {},
      credentialsSchema: {},
      scopes: [{ scope: 'api', description: 'Access and manage your data' }],
    },
  ],
}
