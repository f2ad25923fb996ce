// valibot's parse and the Tray shapes the lean client reads. The transport loads this module
// through `import()` as a request starts, so it arrives while the request is on the network:
// valibot stays out of the first download, and no answer goes unchecked (every body is parsed
// against its schema before a caller sees it).
export { safeParse } from 'valibot'
export { CallResultSchema } from '../schemas/call-result'
export { ConnectorListSchema } from '../schemas/connector'
export { OperationListSchema } from '../schemas/operation'
