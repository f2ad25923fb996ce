import { compareVersions } from '@traykit/core'
import type { Connector, Operation, TrayClient } from '@traykit/core/client'
import { h, labelled, messageOf, option } from './_dom'

/** The catalog picker: search connectors, pick a version and an operation. */
export interface CatalogView {
  element: HTMLElement
  /** Selects a connector version and operation, as a link (`#slack@9.0/send_message`) names it. */
  open(name: string, version: string | undefined, operation: string | undefined): Promise<void>
}

/**
 * Lists the connectors (one entry per name, newest version first) with a search box, the chosen
 * connector's versions and its operations (searchable too), and calls `onOperation` with the
 * chosen one. Native selects: keyboard and screen readers work as everywhere else.
 */
export function renderCatalog(
  tray: TrayClient,
  connectors: Connector[],
  onOperation: (connector: Connector, operation: Operation) => void,
  onError: (message: string) => void,
): CatalogView {
  const names = new Map<string, Connector[]>()
  for (const connector of connectors) {
    names.set(connector.name, [...(names.get(connector.name) ?? []), connector])
  }
  for (const versions of names.values())
    versions.sort((a, b) => compareVersions(b.version, a.version))
  const entries = [...names.values()]
    .map((versions) => versions[0]!)
    .sort((a, b) => a.title.localeCompare(b.title))

  const search = h('input', { id: 'connector-search', type: 'search', autocomplete: 'off' })
  const list = h('select', { id: 'connector', size: '10' })
  const count = h('p', { class: 'hint', id: 'connector-count', 'aria-live': 'polite' })
  const versionSelect = h('select', { id: 'version' })
  const opSearch = h('input', { id: 'operation-search', type: 'search', autocomplete: 'off' })
  const opList = h('select', { id: 'operation', size: '10' })
  let operations: Operation[] = []
  let current: Connector | undefined

  const showConnectors = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean)
    const shown = entries.filter((c) => {
      const text = `${c.name} ${c.title} ${c.description ?? ''}`.toLowerCase()
      return words.every((w) => text.includes(w))
    })
    const kept = list.value
    list.replaceChildren(...shown.map((c) => option(c.name, `${c.title} (${c.name})`)))
    if (shown.some((c) => c.name === kept)) list.value = kept
    count.textContent = `${shown.length} of ${entries.length} connectors`
  }
  const showOperations = () => {
    const words = opSearch.value.toLowerCase().split(/\s+/).filter(Boolean)
    const kept = opList.value
    const shown = operations.filter((op) =>
      words.every((w) => `${op.name} ${op.title}`.toLowerCase().includes(w)),
    )
    opList.replaceChildren(...shown.map((op) => option(op.name, op.title)))
    if (shown.some((op) => op.name === kept)) opList.value = kept
  }

  async function chooseConnector(name: string, version?: string): Promise<void> {
    const versions = names.get(name) ?? []
    versionSelect.replaceChildren(...versions.map((c) => option(c.version, c.version)))
    if (version && versions.some((c) => c.version === version)) versionSelect.value = version
    await chooseVersion()
  }
  async function chooseVersion(): Promise<void> {
    const versions = names.get(list.value) ?? []
    const connector = versions.find((c) => c.version === versionSelect.value)
    current = connector
    operations = []
    opList.replaceChildren(option('', 'Loading…'))
    if (!connector) return
    try {
      const listed = await tray.listOperations(connector.name, connector.version)
      if (current !== connector) return
      operations = listed
      showOperations()
    } catch (error) {
      opList.replaceChildren()
      onError(
        `Could not list the operations of ${connector.title} ${connector.version}: ${messageOf(error)}`,
      )
    }
  }
  const chooseOperation = () => {
    const operation = operations.find((op) => op.name === opList.value)
    if (current && operation) onOperation(current, operation)
  }

  search.addEventListener('input', showConnectors)
  opSearch.addEventListener('input', showOperations)
  list.addEventListener('change', () => void chooseConnector(list.value))
  versionSelect.addEventListener('change', () => void chooseVersion())
  opList.addEventListener('change', chooseOperation)
  showConnectors()

  const element = h(
    'nav',
    { 'aria-label': 'Catalog' },
    h('h2', { text: 'Catalog' }),
    labelled('Search connectors', search),
    count,
    labelled('Connector', list),
    labelled('Version', versionSelect),
    labelled('Search operations', opSearch),
    labelled('Operation', opList),
  )
  return {
    element,
    async open(name, version, operation) {
      if (!names.has(name)) return
      list.value = name
      await chooseConnector(name, version)
      if (operation && operations.some((op) => op.name === operation)) {
        opList.value = operation
        chooseOperation()
      }
    },
  }
}
