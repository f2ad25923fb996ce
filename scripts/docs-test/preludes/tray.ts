// docs-test prelude "tray": the client and the end user's authentication a block assumes.
// biome-ignore-all lint/correctness/noUnusedVariables: a prelude declares what the block after it uses
// biome-ignore-all lint/correctness/noUnusedImports: a prelude imports what the block after it uses
// biome-ignore-all lint/suspicious/noUndeclaredEnvVars: the runner sets TRAY_TOKEN, not turbo
import { createTrayClient as __createTrayClient } from '@traykit/core'

const tray = __createTrayClient({ token: process.env.TRAY_TOKEN ?? '' })
const authId = 'fe6ce53d-b414-4f24-b0d5-16a0a75544a0'
