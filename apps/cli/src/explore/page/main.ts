import { createTrayClient } from '@traykit/core/client'
import { h, messageOf } from './_dom'
import { renderCatalog } from './catalog-view'
import { CONFIG_ELEMENT_ID, type ExplorePageConfig } from './explore-config'
import { renderOperation } from './operation-view'

/** The page's entry: the client talks to the edge handler of this origin, the secret its bearer. */
async function main(): Promise<void> {
  const root = document.getElementById('app')
  const configText = document.getElementById(CONFIG_ELEMENT_ID)?.textContent
  if (!root || !configText) return
  const config = JSON.parse(configText) as ExplorePageConfig
  // The secret came in this page's URL; it is the only credential the page holds (no token).
  const secret = new URLSearchParams(location.search).get('secret') ?? ''
  const apiUrl = `${location.origin}${config.apiPrefix}`
  const tray = createTrayClient({ baseUrl: apiUrl, token: secret })

  const status = h('p', { class: 'error', role: 'alert' })
  const panel = h('main', { id: 'operation-panel', tabindex: '-1' })
  panel.append(
    h('h2', { text: 'Pick an operation' }),
    h('p', {
      text: 'Search the connectors, choose a version and an operation: its form shows here.',
    }),
  )
  const header = h(
    'header',
    {},
    h('h1', { text: 'traykit explore' }),
    h('p', {
      text: `Calls go to ${config.server}, through this machine; the Tray token stays in the traykit process.`,
    }),
  )
  root.replaceChildren(
    header,
    status,
    h('p', { class: 'loading', text: 'Loading the connectors…' }),
  )

  let connectors: Awaited<ReturnType<typeof tray.listConnectors>>
  try {
    connectors = await tray.listConnectors()
  } catch (error) {
    root.replaceChildren(header, status)
    status.textContent = `Could not list the connectors: ${messageOf(error)}`
    return
  }
  const context = {
    tray,
    snippets: { apiUrl, secret, mock: config.mock },
    authentications: [...config.authentications],
  }
  const catalog = renderCatalog(
    tray,
    connectors,
    (connector, operation) => {
      status.textContent = ''
      panel.replaceChildren(renderOperation(connector, operation, context))
      history.replaceState(null, '', `#${connector.name}@${connector.version}/${operation.name}`)
      performance.mark('explore:form')
    },
    (message) => {
      status.textContent = message
    },
  )
  root.replaceChildren(header, status, h('div', { class: 'layout' }, catalog.element, panel))
  performance.mark('explore:catalog')

  // A link to an operation (`#slack@9.0/send_message`) opens it.
  const wanted = /^#([^@/]+)(?:@([^/]+))?(?:\/(.+))?$/.exec(decodeURIComponent(location.hash))
  if (wanted?.[1]) await catalog.open(wanted[1], wanted[2], wanted[3])
}

void main()
