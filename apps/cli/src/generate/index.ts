// @traykit/cli/generate: `traykit generate types` as a function, for build scripts.
export {
  type CatalogOperation,
  type GenerateTrayTypesOptions,
  generateTrayTypes,
  type TrayCatalogReader,
} from './generate-tray-types'
export { type OperationTypeNames, operationTypeNames } from './type-names'
