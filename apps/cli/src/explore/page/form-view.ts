import type { JsonObject, LookupOption, Operation, ValidationIssue } from '@traykit/core/client'
import { describeFields, type FieldDescription } from '@traykit/core/forms'
import { describeBy, h, labelled, messageOf, newId, option } from './_dom'

/** What the form needs from the page: a lookup's options, and word of every change. */
export interface FormContext {
  /** The options of the lookup field at `path` (indexes in array items), for this input. */
  lookup(path: string, input: JsonObject): Promise<LookupOption[]>
  /** Called after any value of the form changed. */
  onChange(): void
}

/** An operation's rendered form. */
export interface FormView {
  element: HTMLFormElement
  /** The input as the form holds it, and what it could not read (JSON that does not parse). */
  read(): { input: JsonObject; problems: ValidationIssue[] }
  /** Shows each issue at its field: only at fields the user has touched, unless `all`. */
  showIssues(issues: ValidationIssue[], all: boolean): void
  /** Runs every lookup again (the authentication changed). */
  refreshLookups(): void
}

type Getter = (problems: ValidationIssue[]) => unknown
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement

/**
 * The form of an operation's input, from core's `describeFields`: a labelled control per field,
 * required ones marked, advanced ones behind "More fields", enums with their labels, defaults
 * filled in, nested objects as groups, arrays with items to add and remove, and dropdowns from
 * the field's lookup that load again when a field they depend on changes.
 */
export function renderForm(operation: Operation, context: FormContext): FormView {
  const fields = describeFields(operation)
  const children = new Map<string, FieldDescription[]>()
  for (const field of fields) {
    const parent = parentOf(field.path)
    children.set(parent, [...(children.get(parent) ?? []), field])
  }
  const form = h('form', { novalidate: true, 'aria-label': `${operation.title} input` })
  const lookups: { control: HTMLSelectElement; field: FieldDescription; refresh(): void }[] = []

  /** A field's path with each `*` replaced by the index of the item holding it. */
  const concretePath = (node: Element): string => {
    const field = node.getAttribute('data-field') ?? ''
    const indexes: number[] = []
    for (let at = node.parentElement; at && at !== form; at = at.parentElement) {
      if (at.classList.contains('item') && at.parentElement) {
        indexes.unshift([...at.parentElement.children].indexOf(at))
      }
    }
    let i = 0
    return field
      .split('.')
      .map((segment) => (segment === '*' ? String(indexes[i++] ?? 0) : segment))
      .join('.')
  }

  const read = () => {
    const problems: ValidationIssue[] = []
    const input = rootGetter(problems) as JsonObject
    return { input, problems }
  }

  /** Renders the children of `path` into `into`: plain fields first, advanced ones folded. */
  function renderChildren(path: string, into: HTMLElement): Getter {
    const list = children.get(path) ?? []
    const getters: [string, Getter][] = []
    const advanced = h('details', {}, h('summary', { text: 'More fields (advanced)' }))
    for (const field of list) {
      const slot = field.advanced ? advanced : into
      getters.push([lastSegment(field.path), renderField(field, slot)])
    }
    if (advanced.children.length > 1) into.append(advanced)
    return (problems) => {
      const out: JsonObject = {}
      for (const [key, get] of getters) {
        const value = get(problems)
        if (value !== undefined) out[key] = value as JsonObject[string]
      }
      return out
    }
  }

  function renderField(field: FieldDescription, into: HTMLElement): Getter {
    const title = field.title ?? lastSegment(field.path)
    const types = field.type.filter((t) => t !== 'null')
    const kids = children.get(field.path) ?? []
    if (types.length === 1 && types[0] === 'array' && children.has(field.path)) {
      return renderArray(field, title, into)
    }
    if (types.length === 1 && types[0] === 'object' && kids.length > 0) {
      const group = h('fieldset', { 'data-field': field.path })
      group.append(h('legend', { text: required(title, field) }))
      if (field.description) group.append(h('p', { class: 'hint', text: field.description }))
      into.append(group)
      const get = renderChildren(field.path, group)
      group.append(issueSlot())
      return (problems) => {
        const value = get(problems) as JsonObject
        return Object.keys(value).length > 0 || field.required ? value : undefined
      }
    }
    return renderLeaf(field, title, types, into)
  }

  function renderArray(field: FieldDescription, title: string, into: HTMLElement): Getter {
    const item = (children.get(field.path) ?? [])[0]
    const group = h('fieldset', { 'data-field': field.path })
    group.append(h('legend', { text: required(title, field) }))
    if (field.description) group.append(h('p', { class: 'hint', text: field.description }))
    const list = h('div', { class: 'items' })
    const getters = new Map<Element, Getter>()
    const itemTitle = item?.title ?? `${title} item`
    const add = h('button', { type: 'button', class: 'small', text: `Add ${itemTitle}` })
    add.addEventListener('click', () => {
      if (!item) return
      const box = h('div', { class: 'item', role: 'group' })
      list.append(box)
      const name = () => `${itemTitle} ${[...list.children].indexOf(box) + 1}`
      box.setAttribute('aria-label', name())
      const get = renderField(item, box)
      const remove = h('button', { type: 'button', class: 'small', text: `Remove ${name()}` })
      remove.addEventListener('click', () => {
        getters.delete(box)
        box.remove()
        for (const other of list.children) {
          const label = `${itemTitle} ${[...list.children].indexOf(other) + 1}`
          other.setAttribute('aria-label', label)
          const button = other.querySelector(':scope > button')
          if (button) button.textContent = `Remove ${label}`
        }
        add.focus()
        context.onChange()
      })
      box.append(remove)
      getters.set(box, get)
      box.querySelector<HTMLElement>('input,select,textarea')?.focus()
      context.onChange()
    })
    group.append(list, add, issueSlot())
    into.append(group)
    return (problems) => {
      const values = [...list.children].map((box) => getters.get(box)?.(problems) ?? null)
      return values.length > 0 || field.required ? values : undefined
    }
  }

  function renderLeaf(
    field: FieldDescription,
    title: string,
    types: string[],
    into: HTMLElement,
  ): Getter {
    const id = newId('field')
    let control: Control
    let get: Getter
    let extra: HTMLElement | undefined
    if (field.lookup) {
      const select = h('select', { id })
      select.append(option('', 'Loading…'))
      const values = new Map<string, unknown>()
      control = select
      // When the lookup fails (no authentication yet, a third party's error), the value can
      // still be typed; its events are the select's, so the lookups depending on it follow.
      const typed = h('input', {
        type: 'text',
        autocomplete: 'off',
        'aria-label': `${title}, typed by hand`,
        placeholder: 'Type the value',
        hidden: true,
      })
      for (const type of ['input', 'change']) {
        typed.addEventListener(type, (event) => {
          event.stopPropagation()
          select.setAttribute('data-touched', 'true')
          select.dispatchEvent(new Event(type, { bubbles: true }))
        })
      }
      extra = typed
      get = () => {
        if (!typed.hidden && typed.value !== '') return typed.value
        return select.value === '' ? undefined : (values.get(select.value) ?? select.value)
      }
      const lookup = field.lookup
      let seq = 0
      let lastKey: string | undefined
      const refresh = () => {
        // An array item removed since: its lookup has nothing left to fill.
        if (!form.contains(select)) return
        const { input } = read()
        const missing = lookup.dependsOn.filter((dep) => readPath(input, dep) === undefined)
        if (missing.length > 0) {
          lastKey = undefined
          const names = missing.map((dep) => fields.find((f) => f.path === dep)?.title ?? dep)
          select.replaceChildren(option('', `Choose ${names.join(', ')} first`))
          return
        }
        const key = JSON.stringify(lookup.dependsOn.map((dep) => readPath(input, dep)))
        if (key === lastKey) return
        lastKey = key
        const mine = ++seq
        const kept = select.value
        select.setAttribute('aria-busy', 'true')
        select.replaceChildren(option('', 'Loading…'))
        context.lookup(concretePath(select), input).then(
          (options) => {
            if (mine !== seq) return
            values.clear()
            select.replaceChildren(
              option('', `Choose ${title.toLowerCase()}`),
              ...options.map((o) => {
                const value = typeof o.value === 'string' ? o.value : JSON.stringify(o.value)
                values.set(value, o.value)
                return option(value, o.text)
              }),
            )
            setIssue(select, '')
            if (typed.value === '') typed.hidden = true
            select.value = values.has(kept) ? kept : ''
            select.removeAttribute('aria-busy')
            if (select.value !== kept) select.dispatchEvent(new Event('change', { bubbles: true }))
          },
          (error: unknown) => {
            if (mine !== seq) return
            lastKey = undefined
            select.removeAttribute('aria-busy')
            select.replaceChildren(option('', 'No options: the lookup failed'))
            typed.hidden = false
            setIssue(
              select,
              `Could not load the options: ${messageOf(error)}. Type the value below.`,
            )
          },
        )
      }
      lookups.push({
        control: select,
        field,
        refresh: () => {
          lastKey = undefined
          refresh()
        },
      })
      // A choice reloads at once; typing reloads once it pauses, as each DDL run bills a task.
      let typing: ReturnType<typeof setTimeout> | undefined
      const onDependency = (event: Event) => {
        const changed = (event.target as Element | null)?.getAttribute?.('data-field')
        if (!changed || changed === field.path || !lookup.dependsOn.includes(changed)) return
        clearTimeout(typing)
        if (event.type === 'change') refresh()
        else typing = setTimeout(refresh, TYPING_PAUSE_MS)
      }
      form.addEventListener('change', onDependency)
      form.addEventListener('input', onDependency)
      // A field of an array item added later loads its options once it is in the form.
      if (built) queueMicrotask(refresh)
    } else if (field.enum) {
      const select = h('select', { id })
      const choices = field.enum.map((value, i) => ({
        value,
        text: field.enumLabels?.[i] ?? String(value),
      }))
      if (!field.required || field.default === undefined) select.append(option('', '—'))
      choices.forEach((choice, i) => {
        select.append(option(String(i), choice.text))
      })
      const preset = choices.findIndex(
        (c) => JSON.stringify(c.value) === JSON.stringify(field.default),
      )
      select.value = preset === -1 ? '' : String(preset)
      control = select
      get = () => (select.value === '' ? undefined : choices[Number(select.value)]?.value)
    } else if (types.length === 1 && types[0] === 'boolean') {
      const select = h('select', { id })
      select.append(option('', '—'), option('true', 'true'), option('false', 'false'))
      if (typeof field.default === 'boolean') select.value = String(field.default)
      control = select
      get = () => (select.value === '' ? undefined : select.value === 'true')
    } else if (types.length === 1 && (types[0] === 'number' || types[0] === 'integer')) {
      const input = h('input', { id, type: 'number', inputmode: 'decimal' })
      if (types[0] === 'integer') input.step = '1'
      else input.step = 'any'
      if (typeof field.default === 'number') input.value = String(field.default)
      control = input
      get = (problems) => {
        if (input.value.trim() === '') {
          // A number input reads "" for text it cannot parse, too.
          if (input.validity.badInput)
            problems.push({ path: concretePath(input), message: 'must be a number' })
          return undefined
        }
        return Number(input.value)
      }
    } else if (types.length === 1 && types[0] === 'string') {
      const input = h('input', { id, type: 'text', autocomplete: 'off' })
      if (typeof field.default === 'string') input.value = field.default
      control = input
      get = () => (input.value === '' ? undefined : input.value)
    } else if (types.includes('string') && types.every((t) => SCALARS.has(t))) {
      // Text or a number or a boolean (Tray's "value" fields): typed as text, read as the
      // number or boolean it spells when the schema allows one.
      const input = h('input', { id, type: 'text', autocomplete: 'off' })
      if (field.default !== undefined && field.default !== null) input.value = String(field.default)
      control = input
      get = () => scalarOf(input.value, types)
    } else {
      // Several types, an object without properties, or none said: any JSON value.
      const area = h('textarea', { id, spellcheck: 'false', placeholder: 'A JSON value' })
      if (field.default !== undefined) area.value = JSON.stringify(field.default, null, 2)
      control = area
      get = (problems) => {
        if (area.value.trim() === '') return undefined
        try {
          return JSON.parse(area.value) as unknown
        } catch {
          problems.push({ path: concretePath(area), message: 'is not valid JSON' })
          return undefined
        }
      }
    }
    control.setAttribute('data-field', field.path)
    if (field.required) control.setAttribute('aria-required', 'true')
    const described = field.description?.trim()
    const sentence = described && !/[.!?:]$/.test(described) ? `${described}.` : described
    const mixed =
      types.length > 1 && types.includes('string')
        ? `Text, or ${types.filter((t) => t !== 'string').join(' or ')}.`
        : undefined
    const hint = [sentence, field.lookup ? 'Options from a lookup.' : mixed]
      .filter(Boolean)
      .join(' ')
    const row = labelled(required(title, field), control, hint || undefined)
    row.append(issueSlot(control))
    if (extra) row.append(extra)
    into.append(row)
    for (const type of ['change', 'focusout']) {
      control.addEventListener(type, () => control.setAttribute('data-touched', 'true'))
    }
    return get
  }

  function issueSlot(control?: HTMLElement): HTMLElement {
    const slot = h('p', { class: 'issue', hidden: true })
    if (control) {
      slot.id = `${control.id}-issue`
      describeBy(control, slot.id)
    }
    return slot
  }

  function setIssue(node: Element, message: string): void {
    const slot =
      node instanceof HTMLFieldSetElement
        ? node.querySelector(':scope > .issue')
        : node.parentElement?.querySelector(':scope > .issue')
    if (!slot) return
    slot.textContent = message
    slot.toggleAttribute('hidden', message === '')
    if (message) node.setAttribute('aria-invalid', 'true')
    else node.removeAttribute('aria-invalid')
  }

  let built = false
  const rootGetter = renderChildren('', form)
  built = true
  form.addEventListener('input', () => context.onChange())
  form.addEventListener('change', () => context.onChange())
  for (const lookup of lookups) lookup.refresh()

  return {
    element: form,
    read,
    showIssues(issues, all) {
      const byPath = new Map<string, string[]>()
      for (const issue of issues)
        byPath.set(issue.path, [...(byPath.get(issue.path) ?? []), issue.message])
      for (const node of form.querySelectorAll('[data-field]')) {
        if (node.getAttribute('aria-busy') === 'true') continue
        const shown =
          all ||
          node.getAttribute('data-touched') === 'true' ||
          (node instanceof HTMLFieldSetElement && node.querySelector('[data-touched]') !== null)
        const messages = shown ? byPath.get(concretePath(node)) : undefined
        // A lookup's own failure stays until the lookup runs again.
        if (!messages && node.getAttribute('aria-invalid') === 'true' && isLookupFailure(node))
          continue
        setIssue(node, messages ? messages.join('; ') : '')
      }
    },
    refreshLookups() {
      for (const lookup of lookups) lookup.refresh()
    },
  }
}

/** How long typing in a field must pause before the lookups depending on it run again. */
const TYPING_PAUSE_MS = 600

const SCALARS = new Set(['string', 'number', 'integer', 'boolean'])

/** What a text box holds, as the most specific of `types` that spells it. */
function scalarOf(text: string, types: string[]): unknown {
  if (text === '') return undefined
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true'
  const number = Number(text)
  if (text.trim() !== '' && Number.isFinite(number)) {
    if (types.includes('number')) return number
    if (types.includes('integer') && Number.isInteger(number)) return number
  }
  return text
}

function isLookupFailure(node: Element): boolean {
  return (
    node.parentElement
      ?.querySelector(':scope > .issue')
      ?.textContent?.startsWith('Could not load') ?? false
  )
}

function required(title: string, field: FieldDescription): string {
  return field.required ? `${title} (required)` : title
}

function parentOf(path: string): string {
  const at = path.lastIndexOf('.')
  return at === -1 ? '' : path.slice(0, at)
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1)
}

function readPath(input: JsonObject, path: string): unknown {
  let node: unknown = input
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}
