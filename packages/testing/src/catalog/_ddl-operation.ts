import type { LookupOption } from '@traykit/core'
import { INPUT_SCHEMA, OUTPUT_SCHEMA } from './_shared'
import type { MockCatalogOperation, MockResponse } from './mock-catalog'

/** The output schema of every DDL operation: `{ result: [{ text, value }] }`. */
const DDL_OUTPUT_SCHEMA = {
  $schema: OUTPUT_SCHEMA,
  type: 'object',
  properties: {
    result: {
      type: 'array',
      items: {
        type: 'object',
        properties: { text: { type: 'string' }, value: { type: ['string', 'number'] } },
      },
    },
  },
}

/** A DDL's answers: the same `options` whatever the input, or `mockResponses` that depend on it. */
type DdlAnswers =
  | { options: LookupOption[]; mockResponses?: never }
  | { mockResponses: MockResponse[]; options?: never }

/**
 * A DDL operation (the drop-down source a lookup names): a closed input of `properties`, the
 * DDL output schema, and canned `{ result }` answers. `required` and `authScopes` are left out
 * when not given, as some of Tray's DDLs list none.
 */
export function ddlOperation(
  ddl: {
    name: string
    title: string
    description: string
    properties: Record<string, unknown>
    required?: string[]
    authScopes?: string[]
  } & DdlAnswers,
): MockCatalogOperation {
  const { name, title, description, properties, required, authScopes } = ddl
  return {
    name,
    title,
    description,
    inputSchema: {
      $schema: INPUT_SCHEMA,
      type: 'object',
      additionalProperties: false,
      ...(required && { required }),
      properties,
    },
    outputSchema: DDL_OUTPUT_SCHEMA,
    hasDynamicOutput: false,
    ...(authScopes && { authScopes }),
    mockResponses: ddl.mockResponses ?? [{ output: { result: ddl.options } }],
  }
}
