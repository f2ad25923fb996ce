/** The `$schema` Tray puts on operation input schemas. */
export const INPUT_SCHEMA = 'https://api.tray.io/core/v1/connectors/operations/input-schema#'

/** The `$schema` Tray puts on operation output schemas. */
export const OUTPUT_SCHEMA = 'https://api.tray.io/core/v1/connectors/operations/output-schema#'
