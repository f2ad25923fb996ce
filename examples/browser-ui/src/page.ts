import {
  type Connector,
  describeFields,
  type FieldDescription,
  type JsonObject,
  type Operation,
  type TrayClient,
} from '@traykit/core'

/** The connector and operation the page opens with, when the catalog has them. */
const PREFERRED = { connector: 'slack', version: '9.1', operation: 'send_message' }

/**
 * Fills `root` with the example: a connector picker, an operation picker, the operation's form
 * (lookups filled live through `resolveLookup`) and its output after a call.
 */
export async function mountTrayPage(root: HTMLElement, tray: TrayClient): Promise<void> {
  root.replaceChildren(heading('h1', 'traykit in the browser'))
  const status = element('p', { role: 'alert' })
  let connectors: Connector[]
  try {
    connectors = await tray.listConnectors()
  } catch (error) {
    status.textContent = `Could not list the connectors: ${messageOf(error)}`
    root.append(status)
    return
  }

  const connectorSelect = select(
    'connector',
    connectors.map((c) => ({ value: `${c.name}@${c.version}`, text: `${c.title} ${c.version}` })),
  )
  const operationSelect = select('operation', [])
  const authSlot = element('section', { 'aria-label': 'Authentication' })
  const formSlot = element('div')
  root.append(
    labelled('Connector', connectorSelect),
    authSlot,
    labelled('Operation', operationSelect),
    formSlot,
    status,
  )
  // The end user's authentication for the chosen connector's service, once created here.
  const session: Session = { authId: undefined }
  let current: Operation | undefined
  const showForm = (operation: Operation) => {
    current = operation
    renderForm(formSlot, tray, chosen(), operation, session, status)
  }

  const chosen = () => {
    const [name = '', version = ''] = connectorSelect.value.split('@')
    return { name, version }
  }

  async function showOperations(): Promise<void> {
    const { name, version } = chosen()
    status.textContent = ''
    formSlot.replaceChildren()
    operationSelect.replaceChildren()
    session.authId = undefined
    const connector = connectors.find((c) => c.name === name && c.version === version)
    if (connector)
      renderAuthentication(authSlot, tray, connector, session, status, () => {
        // Lookups and calls now run with the new authentication: render the form again.
        if (current) showForm(current)
      })
    try {
      const operations = await tray.listOperations(name, version)
      for (const op of operations) operationSelect.append(option(op.name, op.title))
      if (operations.some((op) => op.name === PREFERRED.operation))
        operationSelect.value = PREFERRED.operation
      const operation = operations.find((op) => op.name === operationSelect.value)
      if (operation) showForm(operation)
    } catch (error) {
      status.textContent = `Could not list the operations: ${messageOf(error)}`
    }
  }

  connectorSelect.addEventListener('change', () => void showOperations())
  operationSelect.addEventListener('change', () => {
    const { name, version } = chosen()
    void tray.getOperation(name, version, operationSelect.value).then(
      (operation) => showForm(operation),
      (error: unknown) => {
        status.textContent = `Could not load the operation: ${messageOf(error)}`
      },
    )
  })

  const preferred = `${PREFERRED.connector}@${PREFERRED.version}`
  if (connectors.some((c) => `${c.name}@${c.version}` === preferred))
    connectorSelect.value = preferred
  await showOperations()
}

interface Session {
  authId: string | undefined
}

/** Creates an end user's authentication in one of the service's environments. */
function renderAuthentication(
  slot: HTMLElement,
  tray: TrayClient,
  connector: Connector,
  session: Session,
  status: HTMLElement,
  onCreated: () => void,
): void {
  const environment = select('environment', [])
  const name = element('input', { id: 'authentication-name', name: 'authentication-name' })
  name.required = true
  const create = element('button', { type: 'submit' })
  create.textContent = 'Create authentication'
  const state = element('p', { role: 'status' })
  state.textContent = 'No authentication yet: lookups and calls run without one.'
  const form = element('form', { 'aria-label': 'Create authentication' })
  form.append(
    labelled('Service environment', environment),
    labelled('Authentication name', name),
    create,
  )
  slot.replaceChildren(heading('h2', 'Authentication'), form, state)

  const { service } = connector
  tray.listServiceEnvironments(service.name, service.version).then(
    (environments) => {
      environment.replaceChildren(...environments.map((e) => option(e.id, e.title)))
    },
    (error: unknown) => {
      status.textContent = `Could not list the service environments: ${messageOf(error)}`
    },
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    status.textContent = ''
    create.disabled = true
    // Credentials (an API key, or OAuth's redirect) are beyond this example: none are sent.
    tray
      .createAuthentication({ name: name.value, serviceEnvironmentId: environment.value })
      .then(
        ({ id }) => {
          session.authId = id
          state.textContent = `Using authentication ${name.value} (${id}).`
          onCreated()
        },
        (error: unknown) => {
          status.textContent = `Could not create the authentication: ${messageOf(error)}`
        },
      )
      .finally(() => {
        create.disabled = false
      })
  })
}

/** One operation's form: a control per field, lookups refreshed when what they need changes. */
function renderForm(
  slot: HTMLElement,
  tray: TrayClient,
  connector: { name: string; version: string },
  operation: Operation,
  session: Session,
  status: HTMLElement,
): void {
  status.textContent = ''
  const form = element('form', { 'aria-label': operation.title })
  const output = element('pre', { 'aria-label': 'Output', tabindex: '0' })
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>()
  // Objects are groups, not controls; array items need a repeatable row, beyond this example.
  const fields = describeFields(operation).filter(
    (f) => !f.path.includes('*') && !f.type.includes('object') && !f.type.includes('array'),
  )

  for (const field of fields) {
    const id = `field-${field.path.replaceAll('.', '-')}`
    const control = controlFor(field, id)
    controls.set(field.path, control)
    const label = element('label', { for: id })
    label.append(field.title ?? field.path)
    if (field.required) label.append(' (required)')
    form.append(label)
    if (field.description) {
      // Outside the label: the label is the field's name, the hint its description.
      const hint = element('div', { id: `${id}-hint`, class: 'hint' })
      hint.textContent = field.description
      control.setAttribute('aria-describedby', hint.id)
      form.append(hint)
    }
    form.append(control)
  }

  const input = (): JsonObject => {
    const out: JsonObject = {}
    for (const field of fields) {
      const control = controls.get(field.path)
      const value = control && controlValue(field, control)
      if (value !== undefined) setPath(out, field.path, value)
    }
    return out
  }

  // A lookup runs once every field it depends on has a value, and again when one changes.
  const lookups = fields.filter((f) => f.lookup !== undefined)
  const refresh = async (field: FieldDescription) => {
    const control = controls.get(field.path) as HTMLSelectElement
    const current = input()
    const missing = field.lookup?.dependsOn.filter((dep) => !controls.get(dep)?.value) ?? []
    if (missing.length) {
      const names = missing.map((dep) => fields.find((f) => f.path === dep)?.title ?? dep)
      control.replaceChildren(option('', `Choose ${names.join(', ')} first`))
      return
    }
    control.setAttribute('aria-busy', 'true')
    try {
      const options = await tray.resolveLookup({
        connector: connector.name,
        version: connector.version,
        operation: operation.name,
        field: field.path,
        input: current,
        authId: session.authId,
      })
      const kept = control.value
      control.replaceChildren(
        option('', `Choose a ${(field.title ?? field.path).toLowerCase()}`),
        ...options.map((o) => option(String(o.value), o.text)),
      )
      if (options.some((o) => String(o.value) === kept)) control.value = kept
      control.dispatchEvent(new Event('change'))
    } catch (error) {
      status.textContent = `Could not load the options of ${field.title ?? field.path}: ${messageOf(error)}`
    } finally {
      control.removeAttribute('aria-busy')
    }
  }
  for (const field of lookups) {
    for (const dep of field.lookup?.dependsOn ?? [])
      controls.get(dep)?.addEventListener('change', () => void refresh(field))
    void refresh(field)
  }

  const run = element('button', { type: 'submit' })
  run.textContent = 'Run'
  form.append(run)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    status.textContent = ''
    output.textContent = 'Running…'
    run.disabled = true
    tray
      .callConnector(connector.name, connector.version, {
        operation: operation.name,
        input: input(),
        ...(session.authId === undefined ? {} : { authId: session.authId }),
      })
      .then(
        (result) => {
          output.textContent = JSON.stringify(result, null, 2)
        },
        (error: unknown) => {
          output.textContent = ''
          status.textContent = `The call failed: ${messageOf(error)}`
        },
      )
      .finally(() => {
        run.disabled = false
      })
  })
  slot.replaceChildren(heading('h2', operation.title), form, heading('h2', 'Output'), output)
}

function controlFor(field: FieldDescription, id: string): HTMLInputElement | HTMLSelectElement {
  if (field.lookup) return select(id, [{ value: '', text: 'Loading…' }])
  if (field.enum) {
    const choices = field.enum.map((value, i) => ({
      value: String(value),
      text: field.enumLabels?.[i] ?? String(value),
    }))
    const control = select(id, field.required ? choices : [{ value: '', text: '' }, ...choices])
    if (field.default !== undefined) control.value = String(field.default)
    return control
  }
  const control = element('input', { id, name: field.path })
  if (field.type.includes('boolean')) control.type = 'checkbox'
  else if (field.type.includes('number') || field.type.includes('integer')) control.type = 'number'
  if (field.required) control.required = true
  if (field.default !== undefined && field.default !== null) {
    if (control.type === 'checkbox') control.checked = field.default === true
    else control.value = String(field.default)
  }
  return control
}

/** The JSON value of a control, or undefined for an empty optional one. */
function controlValue(
  field: FieldDescription,
  control: HTMLInputElement | HTMLSelectElement,
): JsonObject[string] | undefined {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked
  if (control.value === '') return undefined
  if (field.enum) {
    const value = field.enum.find((v) => String(v) === control.value)
    return value as JsonObject[string]
  }
  if (field.type.includes('number') || field.type.includes('integer')) return Number(control.value)
  return control.value
}

function setPath(target: JsonObject, path: string, value: JsonObject[string]): void {
  const keys = path.split('.')
  let node = target
  for (const key of keys.slice(0, -1)) {
    const next = node[key]
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as JsonObject
    else {
      const created: JsonObject = {}
      node[key] = created
      node = created
    }
  }
  node[keys.at(-1) ?? path] = value
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  return node
}

function heading(tag: 'h1' | 'h2', text: string): HTMLElement {
  const node = element(tag)
  node.textContent = text
  return node
}

function option(value: string, text: string): HTMLOptionElement {
  const node = element('option', { value })
  node.textContent = text
  return node
}

function select(id: string, choices: { value: string; text: string }[]): HTMLSelectElement {
  const node = element('select', { id, name: id })
  node.append(...choices.map((c) => option(c.value, c.text)))
  return node
}

/** A control with its label beside it (not around it: a select's options would join its name). */
function labelled(text: string, control: HTMLElement): HTMLDivElement {
  const label = element('label', { for: control.id })
  label.textContent = text
  const row = element('div')
  row.append(label, control)
  return row
}
