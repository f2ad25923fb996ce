// docs-test prelude "token": the Tray token a block assumes, and createTrayClient.
// biome-ignore-all lint/correctness/noUnusedVariables: a prelude declares what the block after it uses
// biome-ignore-all lint/correctness/noUnusedImports: a prelude imports what the block after it uses
// biome-ignore-all lint/suspicious/noUndeclaredEnvVars: the runner sets TRAY_TOKEN, not turbo
import { createTrayClient } from '@traykit/core'

const token = process.env.TRAY_TOKEN ?? ''
