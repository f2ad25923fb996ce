import { createTrayHandler } from '@traykit/edge'
import { createMockTray } from '@traykit/testing'
import { Hono } from 'hono'

export interface BrowserUiOptions {
  /** The token the mock Tray accepts; only the server ever holds it. */
  token: string
  /** The bundled page (`dist/page.js`); without it, `/` says how to build it. */
  pageScript: string | undefined
}

/** The example's server: the page at `/`, its script at `/page.js`, the edge handler at `/tray`. */
export function createBrowserUiApp({ token, pageScript }: BrowserUiOptions) {
  const mock = createMockTray({ tokens: [token] })
  const created = new Set<string>()
  const tray = createTrayHandler({
    token,
    baseUrl: 'http://tray.test',
    fetch: mock.fetch,
    // An example without sign-in: every visitor may use what `allow` permits. A real app
    // passes `authorize` and checks its own session instead.
    public: true,
    allow: { slack: ['send_message', 'list_workspaces_ddl', 'list_channels_ddl'] },
    // One visitor in this demo: the authentications created through this server are theirs,
    // and no other. A real app records each one's owner (its user id) in `onCreate`, and
    // `owns` compares it with the signed-in user; calls with an authId are checked too.
    authentications: {
      owns: (_c, authId) => created.has(authId),
      onCreate: (_c, authentication) => {
        created.add(authentication.id)
      },
    },
  })
  const app = new Hono()
    .route('/tray', tray)
    .get('/', (c) => c.html(pageHtml(pageScript !== undefined)))
    .get('/page.js', (c) =>
      pageScript === undefined
        ? c.text('Build the page first: pnpm run build', 404)
        : c.body(pageScript, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
    )
  return { app, mock }
}

function pageHtml(built: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>traykit browser example</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
label { display: block; margin-top: 0.75rem; font-weight: 600; }
input, select, button { font: inherit; margin-top: 0.25rem; }
input, select { width: 100%; box-sizing: border-box; }
.hint { font-weight: normal; color: #555; font-size: 0.9em; }
pre { background: #f4f4f4; padding: 0.75rem; overflow: auto; }
[role="alert"] { color: #a00; }
</style>
</head>
<body>
<main id="app">${built ? '<p>Loading…</p>' : '<p>Build the page first: <code>pnpm run build</code></p>'}</main>
${built ? '<script type="module" src="/page.js"></script>' : ''}
</body>
</html>
`
}
