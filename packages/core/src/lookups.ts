// @traykit/core/lookups: the network helpers of a form, as functions that take a client.
export {
  type GetOutputSchemaOptions,
  getOutputSchema,
} from './client/get-output-schema'
export {
  type ResolveLookupOptions,
  type ResolveLookupParams,
  resolveLookup,
} from './client/resolve-lookup'
export { type PaginateOptions, paginate } from './input-schema/paginate'
