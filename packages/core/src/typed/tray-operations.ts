/**
 * The operations of the connectors an app uses, keyed `connector@version`, then by operation name
 * (`{ input, output, lookups }`). Empty here: the module `traykit generate types` writes extends
 * it by declaration merging (`declare module '@traykit/core' { interface TrayOperations { … } }`),
 * as hono's `ContextVariableMap` is extended. From then on `callConnector` and `resolveLookup`
 * check those operations' inputs and type their outputs; connector versions it does not name
 * stay untyped.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an extension point, filled by declaration merging
export interface TrayOperations {}
