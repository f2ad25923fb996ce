/** Attributes and children of a new element; `text` sets its text content. */
type Init = Record<string, string | boolean | undefined> & { text?: string }

/** A new element with its attributes (a `false` or undefined one is left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  init: Init = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(init)) {
    if (name === 'text') node.textContent = String(value)
    else if (value === true) node.setAttribute(name, '')
    else if (value !== false && value !== undefined) node.setAttribute(name, value)
  }
  node.append(...children)
  return node
}

/** An option of a select. */
export function option(value: string, text: string): HTMLOptionElement {
  return h('option', { value, text })
}

let ids = 0
/** A new element id, unique in the page. */
export function newId(prefix: string): string {
  ids += 1
  return `${prefix}-${ids}`
}

/** A label, an optional hint, and the control they describe, linked for screen readers. */
export function labelled(text: string, control: HTMLElement, hint?: string): HTMLDivElement {
  if (!control.id) control.id = newId('control')
  const row = h('div', {}, h('label', { for: control.id, text }))
  if (hint) {
    const hintId = `${control.id}-hint`
    row.append(h('p', { id: hintId, class: 'hint', text: hint }))
    describeBy(control, hintId)
  }
  row.append(control)
  return row
}

/** Adds `id` to the elements describing `control` (`aria-describedby`). */
export function describeBy(control: HTMLElement, id: string): void {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
  if (!ids.includes(id)) control.setAttribute('aria-describedby', [...ids, id].join(' '))
}

/** The message of whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** JSON as people read it. */
export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined'
}
