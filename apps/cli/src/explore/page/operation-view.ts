import {
  type Connector,
  type JsonObject,
  type Operation,
  type TrayClient,
  TrayValidationError,
  type ValidationIssue,
} from '@traykit/core/client'
import { examplePayload } from '@traykit/core/forms'
import { getOutputSchema, resolveLookup } from '@traykit/core/lookups'
import { validateInput } from '@traykit/core/validate'
import { h, messageOf, pretty } from './_dom'
import { type KnownAuthentication, renderAuth } from './auth-view'
import { confirmBilled } from './confirm-billed'
import { copyButton } from './copy-button'
import { renderForm } from './form-view'
import { cliSnippet, curlSnippet, type SnippetContext, typescriptSnippet } from './snippets'

/** What the operation panel needs besides the operation. */
export interface OperationContext {
  tray: TrayClient
  snippets: SnippetContext
  /** Shared by every panel of the page, so an authentication made once stays offered. */
  authentications: KnownAuthentication[]
}

/**
 * One operation: its authentication, its form with live validation, "Run" behind a billing
 * confirmation, its output (or the third party's error), its output schema, the example payload,
 * and the same call as TypeScript, curl and a `traykit call` line.
 */
export function renderOperation(
  connector: Connector,
  operation: Operation,
  context: OperationContext,
): HTMLElement {
  const { tray } = context
  let attempted = false
  const auth = renderAuth(tray, connector, context.authentications, () => {
    form.refreshLookups()
    update()
  })
  const form = renderForm(operation, {
    lookup: (field, input) =>
      resolveLookup(tray, {
        connector: connector.name,
        version: connector.version,
        operation: operation.name,
        field,
        input,
        authId: auth.authId(),
      }),
    onChange: () => update(),
  })

  const summary = h('div', { class: 'issues', role: 'alert', hidden: true, tabindex: '-1' })
  const run = h('button', { type: 'button', class: 'primary', text: 'Run' })
  const runNote = h('p', { class: 'hint', text: 'Validated first; a run bills one Tray task.' })
  const outputStatus = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' })
  const output = h('pre', { 'aria-label': 'Call output', tabindex: '0', hidden: true })

  const snippetBlocks = {
    typescript: snippetBlock('TypeScript (@traykit/core)', 'snippet-ts'),
    curl: snippetBlock('curl (this page’s edge handler)', 'snippet-curl'),
    cli: snippetBlock('traykit call', 'snippet-cli'),
  }
  const example = pretty(examplePayload(operation))
  const exampleBlock = snippetBlock('Example payload (required fields)', 'example-payload')
  exampleBlock.set(example)

  /** Validates the form as it is, shows the issues, refreshes the snippets; returns the issues. */
  function update(): { input: JsonObject; issues: ValidationIssue[] } {
    const { input, problems } = form.read()
    const result = validateInput(operation, input)
    const issues = [...problems, ...(result.valid ? [] : result.issues)]
    form.showIssues(issues, attempted)
    if (attempted) showSummary(issues)
    const call = {
      connector: connector.name,
      version: connector.version,
      operation: operation.name,
      input,
      authId: auth.authId(),
    }
    snippetBlocks.typescript.set(typescriptSnippet(call, context.snippets))
    snippetBlocks.curl.set(curlSnippet(call, context.snippets))
    snippetBlocks.cli.set(cliSnippet(call, context.snippets))
    return { input, issues }
  }

  function showSummary(issues: ValidationIssue[]): void {
    summary.hidden = issues.length === 0
    summary.replaceChildren(
      h('h3', {
        text: `The input has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was sent`,
      }),
      h('ul', {}, ...issues.map((i) => h('li', { text: issueText(i) }))),
    )
  }

  run.addEventListener('click', async () => {
    attempted = true
    const { input, issues } = update()
    if (issues.length > 0) {
      summary.focus()
      return
    }
    const target = `${operation.title} (${connector.name} ${connector.version})`
    if (!(await confirmBilled(`Run ${target}?`))) return
    run.disabled = true
    output.hidden = true
    outputStatus.className = 'status'
    outputStatus.textContent = 'Running…'
    const authId = auth.authId()
    try {
      const result = await tray.callConnector(
        connector.name,
        connector.version,
        { operation: operation.name, input, ...(authId ? { authId } : {}) },
        { throwOnError: false },
      )
      if (result.outcome === 'success') {
        outputStatus.className = 'ok'
        outputStatus.textContent = 'Success (one task billed).'
      } else {
        outputStatus.className = 'error'
        outputStatus.textContent =
          'The third-party service answered with an error (one task billed). Its answer:'
      }
      output.textContent = pretty(result.output)
      output.hidden = false
    } catch (error) {
      outputStatus.className = 'error'
      if (error instanceof TrayValidationError) showSummary(error.issues)
      outputStatus.textContent = `The call was not run: ${messageOf(error)}`
    } finally {
      run.disabled = false
    }
  })

  const outputSchema = h('section', { 'aria-labelledby': 'output-schema-heading' })
  outputSchema.append(h('h2', { id: 'output-schema-heading', text: 'Output schema' }))
  if (operation.hasDynamicOutput) {
    const schemaStatus = h('p', { class: 'status', role: 'status' })
    const schemaOut = h('pre', {
      'aria-label': 'Output schema for this input',
      tabindex: '0',
      hidden: true,
    })
    const get = h('button', { type: 'button', text: 'Get the output schema for this input' })
    get.addEventListener('click', async () => {
      attempted = true
      const { input, issues } = update()
      if (issues.length > 0) return summary.focus()
      if (!(await confirmBilled(`Ask Tray for the output schema of ${operation.title}?`))) return
      get.disabled = true
      schemaStatus.textContent = 'Asking Tray…'
      const authId = auth.authId()
      try {
        const schema = await getOutputSchema(
          tray,
          connector.name,
          connector.version,
          operation.name,
          input,
          authId ? { authId } : {},
        )
        schemaStatus.textContent = 'The output schema for this input (one task billed):'
        schemaOut.textContent = pretty(schema)
        schemaOut.hidden = false
      } catch (error) {
        schemaStatus.textContent = `Could not get the output schema: ${messageOf(error)}`
      } finally {
        get.disabled = false
      }
    })
    outputSchema.append(
      h('p', {
        class: 'hint',
        text: 'This operation’s output depends on its input: Tray computes the schema with a call.',
      }),
      get,
      schemaStatus,
      schemaOut,
    )
  } else {
    outputSchema.append(
      h(
        'details',
        {},
        h('summary', { text: 'Show the output schema' }),
        h('pre', { tabindex: '0', text: pretty(operation.outputSchema) }),
      ),
    )
  }

  const panel = h(
    'article',
    { 'aria-labelledby': 'operation-heading' },
    h('h2', { id: 'operation-heading', text: `${operation.title}` }),
    h('p', { class: 'hint', text: `${connector.title} ${connector.version} · ${operation.name}` }),
    ...(operation.description ? [h('p', { text: operation.description })] : []),
    auth.element,
    h('h2', { text: 'Input' }),
    form.element,
    summary,
    h('div', { class: 'actions' }, runNote, run),
    h(
      'section',
      { 'aria-labelledby': 'output-heading' },
      h('h2', { id: 'output-heading', text: 'Output' }),
      outputStatus,
      output,
    ),
    outputSchema,
    h(
      'section',
      { 'aria-labelledby': 'snippets-heading' },
      h('h2', { id: 'snippets-heading', text: 'The same call elsewhere' }),
      exampleBlock.element,
      snippetBlocks.typescript.element,
      snippetBlocks.curl.element,
      snippetBlocks.cli.element,
    ),
  )
  update()
  return panel
}

/** A titled code block with a copy button. */
function snippetBlock(
  title: string,
  id: string,
): { element: HTMLElement; set(text: string): void } {
  const pre = h('pre', { id, tabindex: '0', 'aria-labelledby': `${id}-title` })
  const element = h(
    'div',
    {},
    h(
      'div',
      { class: 'snippet-head' },
      h('h3', { id: `${id}-title`, text: title }),
      copyButton(title, () => pre.textContent ?? ''),
    ),
    pre,
  )
  return {
    element,
    set(text) {
      pre.textContent = text
    },
  }
}

/** An issue as one line; core's messages often start with the path already. */
function issueText(issue: ValidationIssue): string {
  if (!issue.path || issue.message.startsWith(issue.path)) return issue.message
  return `${issue.path}: ${issue.message}`
}
