import { ddlOperation } from './_ddl-operation'
import { INPUT_SCHEMA, OUTPUT_SCHEMA } from './_shared'
import type { MockCatalogConnector, MockCatalogOperation, MockCatalogService } from './mock-catalog'

/** The fields Tray's example defines alike in get_rows and create_row. */
const spreadsheetIdField = {
  type: 'string',
  description: 'The ID of the desired spreadsheet',
  title: 'Spreadsheet ID',
}

const worksheetNameField = {
  type: 'string',
  description: 'The name of the sheet inside the spreadsheet',
  lookup: {
    operation: 'list_worksheets_ddl_return_name',
    input: {
      spreadsheet_id: '{{spreadsheet_id}}',
    },
  },
  title: 'Worksheet name',
}

const columnHeadingField = {
  type: 'string',
  description: 'The column heading.',
  lookup: {
    operation: 'list_worksheet_column_headers_ddl',
    input: {
      spreadsheet_id: '{{spreadsheet_id}}',
      worksheet_name: '{{worksheet_name}}',
    },
  },
  title: 'Column heading',
}

/** get_rows exactly as Tray's "Google Sheets Operations List" example lists it, answering its call example. */
const getRows: MockCatalogOperation = {
  name: 'get_rows',
  description: 'Get data from a worksheet of a spreadsheet.',
  inputSchema: {
    advanced: [],
    required: ['spreadsheet_id', 'worksheet_name', 'number_of_rows'],
    additionalProperties: false,
    properties: {
      worksheet_name: worksheetNameField,
      spreadsheet_id: spreadsheetIdField,
      filter: {
        type: 'object',
        additionalProperties: false,
        description:
          'The conditions that the row should match. If using a filter, all fields must be filled in.',
        advanced: [],
        title: 'Filter',
        properties: {
          column_heading: columnHeadingField,
          operator: {
            type: 'string',
            enum: [
              'Equal to',
              'Not equal to',
              'Greater than',
              'Less than',
              'Greater than or equal to',
              'Less than or equal to',
              'Text contains',
              "Text doesn't contain",
              'Empty cells',
            ],
            description:
              'How should the value in the column validate against the supplied value. Please check Tray docs for more information on the operators used.',
            title: 'Operator',
          },
          value: {
            type: ['string', 'number', 'boolean'],
            description: 'The condition value.',
            title: 'Value',
          },
          sort_direction: {
            title: 'Sort direction',
            enumLabels: ['Ascending', 'Descending'],
            type: 'string',
            description:
              'How would you like results to be sorted? Ascending or Descending. This only works for numerical fields.',
            enum: ['ascending', 'descending'],
          },
        },
        required: [],
      },
      number_of_rows: {
        type: 'integer',
        default: 100,
        description: 'The number of the rows you wish to get.',
        title: 'Number of rows',
      },
      format_response: {
        type: 'boolean',
        description:
          "Use the results of the 1st row as keys ('headers') for values of subsequent rows' results.",
        title: 'Format response',
      },
    },
    $schema: INPUT_SCHEMA,
    type: 'object',
  },
  hasDynamicOutput: false,
  outputSchema: {
    $schema: OUTPUT_SCHEMA,
    type: 'object',
    properties: {
      results: {
        type: 'array',
        items: {
          type: 'array',
        },
      },
    },
  },
  authScopes: [],
  title: 'Get Rows',
  mockResponses: [
    {
      output: {
        results: [
          { row_number: 1, result: ['value1.1', 'value1.2'] },
          { row_number: 2, result: ['value2.1', 'value2.2'] },
        ],
      },
    },
  ],
}

/** create_row exactly as Tray's example lists it. */
const createRow: MockCatalogOperation = {
  title: 'Create Row',
  outputSchema: {
    $schema: OUTPUT_SCHEMA,
    type: 'object',
    properties: {
      spreadsheetId: {
        type: 'string',
      },
      updates: {
        type: 'object',
        properties: {
          updatedColumns: {
            type: 'number',
          },
          updatedRows: {
            type: 'number',
          },
          spreadsheetId: {
            type: 'string',
          },
          updatedCells: {
            type: 'number',
          },
          updatedRange: {
            type: 'string',
          },
        },
      },
    },
  },
  name: 'create_row',
  inputSchema: {
    advanced: [],
    required: ['spreadsheet_id', 'worksheet_name', 'data', 'value_input_option'],
    additionalProperties: false,
    properties: {
      spreadsheet_id: spreadsheetIdField,
      worksheet_name: worksheetNameField,
      data: {
        type: 'array',
        additionalItems: true,
        description: 'The row data to insert.',
        items: {
          title: 'Field',
          advanced: [],
          properties: {
            column_heading: columnHeadingField,
            value: {
              type: ['string', 'number', 'boolean'],
              description: 'What value to insert into this cell.',
              title: 'Value',
            },
          },
          additionalProperties: false,
          required: ['column_heading', 'value'],
          type: 'object',
          description:
            'Select a column by its header, and assign a value to that cell of your new row.',
        },
        title: 'Row data',
      },
      value_input_option: {
        enum: ['RAW', 'USER_ENTERED'],
        default: 'RAW',
        title: 'Value input option',
        type: 'string',
        description:
          'Value Input Option determines how input data should be interpreted. Selecting raw will result in data not being parsed and stored as is, whereas user_entered will result in values being parsed as if the user had typed them directly into a sheet.',
        enumLabels: ['Raw value', 'User entered'],
      },
    },
    type: 'object',
    $schema: INPUT_SCHEMA,
  },
  hasDynamicOutput: false,
  authScopes: [],
  description: 'Add a row to a Google Sheet.',
  mockResponses: [
    {
      output: {
        spreadsheetId: '{{{spreadsheet_id}}}',
        updates: {
          spreadsheetId: '{{{spreadsheet_id}}}',
          updatedRange: 'Sheet1!A2:B2',
          updatedRows: 1,
          updatedColumns: 2,
          updatedCells: 2,
        },
      },
    },
  ],
}

/** The DDLs the example's lookups name (spelled `operation`, with `{{field}}` templates). */
const listWorksheets = ddlOperation({
  name: 'list_worksheets_ddl_return_name',
  title: 'List Worksheets (DDL)',
  description: 'Lists the worksheets of a spreadsheet by name, for a drop-down.',
  required: ['spreadsheet_id'],
  properties: { spreadsheet_id: { type: 'string', title: 'Spreadsheet ID' } },
  authScopes: [],
  options: [
    { text: 'Sheet1', value: 'Sheet1' },
    { text: 'Archive', value: 'Archive' },
  ],
})

const listColumnHeaders = ddlOperation({
  name: 'list_worksheet_column_headers_ddl',
  title: 'List Column Headers (DDL)',
  description: 'Lists the column headings of a worksheet, for a drop-down.',
  required: ['spreadsheet_id', 'worksheet_name'],
  properties: {
    spreadsheet_id: { type: 'string', title: 'Spreadsheet ID' },
    worksheet_name: { type: 'string', title: 'Worksheet name' },
  },
  authScopes: [],
  options: [
    { text: 'Name', value: 'Name' },
    { text: 'Email', value: 'Email' },
  ],
})

/** A Google Sheets-like connector carrying the operations of Tray's Google Sheets example. */
export const googleSheetsConnector: MockCatalogConnector = {
  name: 'google-sheets',
  version: '8.2',
  title: 'Google Sheets',
  description: 'Read and write rows of Google Sheets spreadsheets.',
  service: { id: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9', name: 'google-sheets', version: 8 },
  operations: [getRows, createRow, listWorksheets, listColumnHeaders],
}

export const googleSheetsService: MockCatalogService = {
  name: 'google-sheets',
  version: 8,
  environments: [
    {
      id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      title: 'Production',
      authenticationType: 'oauth2',
      userDataSchema: {},
      credentialsSchema: {},
      scopes: [
        {
          scope: 'https://www.googleapis.com/auth/spreadsheets',
          description: 'See, edit, create and delete your spreadsheets',
        },
      ],
    },
  ],
}
