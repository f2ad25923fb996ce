/** The `$schema` Tray puts on operation input schemas. */
export const INPUT_SCHEMA = 'https://api.tray.io/core/v1/connectors/operations/input-schema#'

/** The `$schema` Tray puts on operation output schemas. */
export const OUTPUT_SCHEMA = 'https://api.tray.io/core/v1/connectors/operations/output-schema#'

/** The output schema of every DDL operation: `{ result: [{ text, value }] }`. */
export const DDL_OUTPUT_SCHEMA = {
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

/** The statuses a Tray connector expects from a third party, as its error outputs list them. */
export const EXPECTED_STATUSES = { statusCode: [200, 201, 202, 203, 204] }
