import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { createBrowserUiApp } from './src/app.js'

// A fresh token per start: the mock accepts only it, and only this process ever sees it.
const token = randomBytes(24).toString('base64url')
// `pnpm start` runs this file bundled as dist/server.mjs, beside page.js; from the source
// tree (a TypeScript runner) the page is under dist/.
const built = ['./page.js', './dist/page.js']
  .map((path) => new URL(path, import.meta.url))
  .find((url) => existsSync(url))
const { app } = createBrowserUiApp({
  token,
  pageScript: built ? readFileSync(built, 'utf8') : undefined,
})

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) }, (info) => {
  console.log(`Browser example on http://127.0.0.1:${info.port}/`)
})
