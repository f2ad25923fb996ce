// docs-test prelude "catalog-types": the core types the catalog's description names.
// biome-ignore-all lint/correctness/noUnusedVariables: a prelude declares what the block after it uses
// biome-ignore-all lint/correctness/noUnusedImports: a prelude imports what the block after it uses
// biome-ignore-all lint/suspicious/noUndeclaredEnvVars: the runner sets TRAY_TOKEN, not turbo
import type { Connector, JsonObject, Operation, ServiceEnvironment } from '@traykit/core'
