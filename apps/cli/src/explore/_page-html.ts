import { CONFIG_ELEMENT_ID, type ExplorePageConfig } from './page/explore-config'
import { PAGE_CSS } from './page/page-css'

export type { ExplorePageConfig }

/** The page: its style, config and script inline, so one request with the secret renders it. */
export function pageHtml(parts: {
  script: string
  config: ExplorePageConfig
  nonce: string
}): string {
  // Inside a script element, `</script` and `<!--` would end or confuse it: escaped, they read
  // the same to JavaScript (in strings and regular expressions `<\/` is `</`).
  const script = parts.script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--')
  const config = JSON.stringify(parts.config).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>traykit explore</title>
<link rel="icon" href="data:,">
<style nonce="${parts.nonce}">${PAGE_CSS}</style>
</head>
<body>
<div id="app"><p class="loading">Loading traykit explore…</p></div>
<script type="application/json" id="${CONFIG_ELEMENT_ID}">${config}</script>
<script nonce="${parts.nonce}">${script}</script>
</body>
</html>
`
}

/** What a request without this run's secret gets: no page, and how to find the right URL. */
export function refusedHtml(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>traykit explore: secret required</title><link rel="icon" href="data:,"></head>
<body>
<h1>This page needs its secret</h1>
<p>Open the URL <code>traykit explore</code> printed: it holds this run's secret
(<code>?secret=…</code>). Each run makes a new one.</p>
</body>
</html>
`
}
