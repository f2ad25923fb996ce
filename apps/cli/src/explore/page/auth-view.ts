import {
  createAuthentication,
  getAuthentication,
  listServiceEnvironments,
} from '@traykit/core/admin'
import type { Connector, ServiceEnvironment, TrayClient } from '@traykit/core/client'
import { h, labelled, messageOf, option } from './_dom'

/** The authentication lookups and calls run with, as the user picked or created it. */
export interface AuthView {
  element: HTMLElement
  /** The chosen authentication's id; undefined for none. */
  authId(): string | undefined
}

/** Authentications known in this page: the server's (the mock's) and those made or checked here. */
export interface KnownAuthentication {
  id: string
  name: string
}

/**
 * Pick an authentication (one known to this page, or any id of the account, checked with Tray)
 * or create one in one of the service's environments, through the edge handler's routes.
 */
export function renderAuth(
  tray: TrayClient,
  connector: Connector,
  known: KnownAuthentication[],
  onChange: () => void,
): AuthView {
  const pick = h('select', { id: 'auth-pick' })
  const fill = () => {
    const current = pick.value
    pick.replaceChildren(
      option('', 'None (lookups and calls without an authentication)'),
      ...known.map((a) => option(a.id, `${a.name} (${a.id})`)),
    )
    pick.value = known.some((a) => a.id === current) ? current : ''
  }
  fill()
  pick.addEventListener('change', onChange)
  const status = h('p', { class: 'status', role: 'status' })
  const use = (authentication: KnownAuthentication, note: string) => {
    if (!known.some((a) => a.id === authentication.id)) known.push(authentication)
    fill()
    pick.value = authentication.id
    status.textContent = note
    onChange()
  }

  // Another authentication of the account, by id: read once, so a typo is caught here.
  const idInput = h('input', {
    id: 'auth-id',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
  })
  const check = h('button', { type: 'submit', text: 'Use this id' })
  const byId = h(
    'form',
    { 'aria-label': 'Use an authentication by id' },
    h('div', { class: 'row' }, labelled('Authentication id', idInput), check),
  )
  byId.addEventListener('submit', (event) => {
    event.preventDefault()
    const id = idInput.value.trim()
    if (!id) return
    check.disabled = true
    status.textContent = 'Checking the authentication…'
    getAuthentication(tray, id)
      .then(
        (found) => use({ id: found.id, name: found.name }, `Using ${found.name}.`),
        (error: unknown) => {
          status.textContent = `Cannot use ${id}: ${messageOf(error)}`
        },
      )
      .finally(() => {
        check.disabled = false
      })
  })

  const environment = h('select', { id: 'auth-environment' }, option('', 'Loading…'))
  const name = h('input', { id: 'auth-name', type: 'text', autocomplete: 'off' })
  const credentials = h('textarea', {
    id: 'auth-credentials',
    spellcheck: 'false',
    placeholder: '{ "api_key": "…" }',
  })
  const create = h('button', { type: 'submit', class: 'primary', text: 'Create authentication' })
  const createForm = h(
    'form',
    { 'aria-label': 'Create an authentication', novalidate: true },
    labelled('Service environment', environment),
    labelled('Authentication name', name),
    labelled(
      'Credentials (JSON, optional)',
      credentials,
      'Sent to Tray through this machine only; never shown again. OAuth services need Tray’s own sign-in flow instead.',
    ),
    h('div', { class: 'actions' }, create),
  )
  let environments: ServiceEnvironment[] = []
  const { service } = connector
  listServiceEnvironments(tray, service.name, service.version).then(
    (list) => {
      environments = list
      environment.replaceChildren(
        ...(list.length ? list : []).map((e) =>
          option(e.id, `${e.title} (${e.authenticationType})`),
        ),
      )
      if (list.length === 0) environment.append(option('', 'This service has no environments'))
    },
    (error: unknown) => {
      environment.replaceChildren(option('', 'Could not list the environments'))
      status.textContent = `Could not list the service environments: ${messageOf(error)}`
    },
  )
  createForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const chosen = environments.find((e) => e.id === environment.value)
    if (!chosen || !name.value.trim()) {
      status.textContent = 'Choose a service environment and give the authentication a name.'
      return
    }
    let parsed: unknown
    try {
      parsed = credentials.value.trim() ? JSON.parse(credentials.value) : undefined
    } catch {
      status.textContent = 'The credentials are not valid JSON.'
      return
    }
    create.disabled = true
    status.textContent = 'Creating the authentication…'
    const label = name.value.trim()
    createAuthentication(tray, {
      name: label,
      serviceEnvironmentId: chosen.id,
      ...(parsed === undefined ? {} : { credentials: parsed as Record<string, unknown> }),
    })
      .then(
        ({ id }) => {
          credentials.value = ''
          use({ id, name: label }, `Created ${label}; lookups and calls now use it.`)
        },
        (error: unknown) => {
          status.textContent = `Could not create the authentication: ${messageOf(error)}`
        },
      )
      .finally(() => {
        create.disabled = false
      })
  })

  const element = h(
    'section',
    { 'aria-labelledby': 'auth-heading' },
    h('h2', { id: 'auth-heading', text: 'Authentication' }),
    labelled(
      'Use authentication',
      pick,
      `${service.name} v${service.version}: lookups and the call run with it.`,
    ),
    h('details', {}, h('summary', { text: 'Use another authentication by id' }), byId),
    h('details', {}, h('summary', { text: 'Create an authentication' }), createForm),
    status,
  )
  return { element, authId: () => pick.value || undefined }
}
