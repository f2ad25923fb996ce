// docs-test prelude "operations": the operations the schema helpers' examples read.
// biome-ignore-all lint/correctness/noUnusedVariables: a prelude declares what the block after it uses
// biome-ignore-all lint/correctness/noUnusedImports: a prelude imports what the block after it uses
// biome-ignore-all lint/suspicious/noUndeclaredEnvVars: the runner sets TRAY_TOKEN, not turbo
import { createTrayClient as __createTrayClient } from '@traykit/core'

const __tray = __createTrayClient({ token: process.env.TRAY_TOKEN ?? '' })
const sendMessage = await __tray.getOperation('slack', '9.1', 'send_message')
const getRows = await __tray.getOperation('google-sheets', '8.2', 'get_rows')
const createRow = await __tray.getOperation('google-sheets', '8.2', 'create_row')
