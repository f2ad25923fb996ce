import { defaultCatalog, type MockCatalog, type MockCatalogConnector } from '@traykit/testing'

/** The call path of the echo connector's one operation, which accepts any object as input. */
export const ECHO_CALL_PATH = '/core/v1/connectors/echo/versions/1.0/call'

/**
 * A connector whose one operation takes any object as input, so hostile values get past input
 * validation and on towards Tray, where the default catalog's strict schemas would stop them.
 */
const echo: MockCatalogConnector = {
  name: 'echo',
  version: '1.0',
  title: 'Echo',
  description: 'Answers its input',
  service: { id: 'echo-service', name: 'echo', version: 1 },
  operations: [
    {
      name: 'anything',
      title: 'Anything',
      description: 'Takes any input object',
      inputSchema: { type: 'object' },
      outputSchema: { type: 'object' },
      hasDynamicOutput: false,
    },
  ],
}

/** The default catalog plus the echo connector. */
export const echoCatalog: MockCatalog = {
  ...defaultCatalog,
  connectors: [...defaultCatalog.connectors, echo],
}
