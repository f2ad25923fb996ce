import * as v from 'valibot'

/** The Tray service behind a connector: its `name` and integer `version` address environments. */
export const ConnectorServiceSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  version: v.pipe(v.number(), v.integer()),
})

/** `PublicConnector`: one version of one connector. */
export const ConnectorSchema = v.looseObject({
  name: v.string(),
  version: v.string(),
  title: v.string(),
  description: v.string(),
  service: ConnectorServiceSchema,
})

/** `PublicConnectorList`: the body of `GET /core/v1/connectors`. */
export const ConnectorListSchema = v.looseObject({
  elements: v.array(ConnectorSchema),
})

export type ConnectorService = v.InferOutput<typeof ConnectorServiceSchema>
export type Connector = v.InferOutput<typeof ConnectorSchema>
export type ConnectorList = v.InferOutput<typeof ConnectorListSchema>
