// docs-test prelude "message": the channel and text a form filled in.
// biome-ignore-all lint/correctness/noUnusedVariables: a prelude declares what the block after it uses
// biome-ignore-all lint/correctness/noUnusedImports: a prelude imports what the block after it uses
// biome-ignore-all lint/suspicious/noUndeclaredEnvVars: the runner sets TRAY_TOKEN, not turbo
const channel = 'C0000GENERAL'
const text = 'Deploy finished'
