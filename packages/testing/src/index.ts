export { defaultCatalog } from './catalog/default-catalog'
export {
  type MockCatalog,
  type MockCatalogConnector,
  type MockCatalogOperation,
  MockCatalogSchema,
  type MockCatalogService,
  type MockPages,
  type MockResponse,
  type ParsedCatalog,
} from './catalog/mock-catalog'
export { MockCatalogError, parseCatalog } from './catalog/parse-catalog'
export { createMockTray } from './create-mock-tray'
export type {
  DelayOptions,
  FailOptions,
  FaultMatch,
  FaultScope,
  MalformedOptions,
  MockAuthentication,
  MockClock,
  MockFault,
  MockFaultKind,
  MockHandler,
  MockHandlerContext,
  MockHandlerResult,
  MockRequest,
  MockRequestInfo,
  MockRoute,
  MockTray,
  MockTrayOptions,
} from './mock-tray-types'
export { thirdPartyError } from './third-party-error'
