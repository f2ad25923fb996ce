import * as v from 'valibot'
import { type Operation, OperationListSchema } from '../../schemas/operation'
import googleSheets from './google-sheets-operations.json'
import slack from './slack-operations.json'

const operations = [
  ...v.parse(OperationListSchema, slack).elements,
  ...v.parse(OperationListSchema, googleSheets).elements,
]

/** A fresh copy of one of the OpenAPI file's example operations (Slack, Google Sheets). */
export function fixtureOperation(
  name: 'send_message' | 'send_reminder' | 'get_rows' | 'create_row',
): Operation {
  const operation = operations.find((op) => op.name === name)
  if (!operation) throw new Error(`no fixture operation ${name}`)
  return JSON.parse(JSON.stringify(operation))
}

/** An operation around an input schema, for schemas written in a test. */
export function operationWith(
  inputSchema: Record<string, unknown>,
  name = 'test_operation',
): Operation {
  return {
    name,
    title: name,
    description: '',
    inputSchema,
    outputSchema: {},
    hasDynamicOutput: false,
  }
}
