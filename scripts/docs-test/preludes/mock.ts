// docs-test prelude "mock": the mock a block configures, and a handler to give it.
// biome-ignore-all lint/correctness/noUnusedVariables: a prelude declares what the block after it uses
// biome-ignore-all lint/correctness/noUnusedImports: a prelude imports what the block after it uses
// biome-ignore-all lint/suspicious/noUndeclaredEnvVars: the runner sets TRAY_TOKEN, not turbo
import { createMockTray as __createMockTray } from '@traykit/testing'

const mock = __createMockTray()
const handler = () => ({ ok: true })
