import {
  ConnectorSchema,
  ConnectorServiceSchema,
  JsonObjectSchema,
  OperationSchema,
  ServiceEnvironmentSchema,
} from '@traykit/core'
import * as v from 'valibot'

/**
 * How a paginated operation serves `items` page by page: the cursor travels in the input field
 * `cursorField` and comes back in `nextCursorField` (null on the last page), as Tray's
 * connectors do it (Salesforce `find_records`: `page_offset` in, `next_page_offset` out).
 */
export const MockPagesSchema = v.object({
  items: v.array(v.unknown()),
  itemsField: v.pipe(v.string(), v.minLength(1)),
  cursorField: v.pipe(v.string(), v.minLength(1)),
  nextCursorField: v.pipe(v.string(), v.minLength(1)),
  sizeField: v.optional(v.pipe(v.string(), v.minLength(1))),
  defaultSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
  totalField: v.optional(v.pipe(v.string(), v.minLength(1))),
})

/**
 * A canned answer of an operation. The first response whose `when` fields all equal the call's
 * input fields is used; in its `output`, `{{{field}}}` (or `{{field}}`) becomes that input field.
 */
export const MockResponseSchema = v.object({
  when: v.optional(JsonObjectSchema),
  outcome: v.optional(v.picklist(['success', 'error'])),
  output: v.optional(JsonObjectSchema),
  pages: v.optional(MockPagesSchema),
  /** For a dynamic-output operation: what `returnOutputSchema: true` answers for this input. */
  outputSchema: v.optional(JsonObjectSchema),
})

/** An operation as Tray lists it, plus the mock's canned responses (never served to clients). */
export const MockCatalogOperationSchema = v.looseObject({
  ...OperationSchema.entries,
  mockResponses: v.optional(v.array(MockResponseSchema)),
})

/** A connector version as Tray lists it, with its operations. */
export const MockCatalogConnectorSchema = v.looseObject({
  ...ConnectorSchema.entries,
  operations: v.array(MockCatalogOperationSchema),
})

/** A Tray service version (a connector's `service.name` and `service.version`) and its environments. */
export const MockCatalogServiceSchema = v.object({
  name: ConnectorServiceSchema.entries.name,
  version: ConnectorServiceSchema.entries.version,
  environments: v.array(ServiceEnvironmentSchema),
})

/** Everything the mock serves: connectors with their operations, and service environments. */
export const MockCatalogSchema = v.object({
  connectors: v.array(MockCatalogConnectorSchema),
  services: v.optional(v.array(MockCatalogServiceSchema), []),
})

/** A catalog as written, in code or JSON. */
export type MockCatalog = v.InferInput<typeof MockCatalogSchema>
export type MockCatalogConnector = v.InferInput<typeof MockCatalogConnectorSchema>
export type MockCatalogOperation = v.InferInput<typeof MockCatalogOperationSchema>
export type MockCatalogService = v.InferInput<typeof MockCatalogServiceSchema>
export type MockResponse = v.InferInput<typeof MockResponseSchema>
export type MockPages = v.InferInput<typeof MockPagesSchema>

/** A catalog after `parseCatalog`: checked, with defaults filled in. */
export type ParsedCatalog = v.InferOutput<typeof MockCatalogSchema>
export type ParsedOperation = v.InferOutput<typeof MockCatalogOperationSchema>
export type ParsedConnector = v.InferOutput<typeof MockCatalogConnectorSchema>
