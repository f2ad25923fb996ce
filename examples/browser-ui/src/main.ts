import { createTrayClient } from '@traykit/core'
import { mountTrayPage } from './page.js'

// The page's entry: the client talks to the edge handler on its own origin, which holds the
// token, so the browser has none (`token: null`). The docs test also imports every example
// in Node, where there is no page to fill.
if (typeof document !== 'undefined') {
  const root = document.getElementById('app')
  if (root) {
    const tray = createTrayClient({ baseUrl: `${location.origin}/tray`, token: null })
    void mountTrayPage(root, tray)
  }
}
