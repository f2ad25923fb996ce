// The explorer as a user meets it, in Debian's headless Chromium driven by playwright-core: the
// page of dist/explore/page.js (built by the global setup) on the server `traykit explore` runs,
// in front of a mock Tray whose calls and billed tasks the test reads.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { createMockTray, type MockTray } from '@traykit/testing'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalServer, serveFetch } from './_serve-fetch'
import { API_PREFIX, createExploreApp, createExploreSecret } from './create-explore-app'
import { PAGE_CSS } from './page/page-css'

const CHROMIUM = '/usr/bin/chromium'
const FLAGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
/** Screenshots and figures, kept after the run (gitignored; CI keeps the folder as artifacts). */
const OUTPUT = join(ROOT, 'test-output/explore')
const AUTH_ID = '00000000-0000-4000-8000-00000000beef'

describe('traykit explore in Chromium', { timeout: 30_000 }, () => {
  const token = `mock-${randomBytes(24).toString('base64url')}`
  const secret = createExploreSecret()
  const problems: string[] = []
  const seen: string[] = []
  const pending: Promise<void>[] = []
  const figures: Record<string, unknown> = {}
  let mock: MockTray
  let server: LocalServer
  let context: BrowserContext | undefined
  let page: Page
  let profile: string
  let script: string

  beforeAll(async () => {
    // Missing Chromium fails the run: scripts/test installs it, so a skip would hide a break.
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`)
    script = await readFile(join(ROOT, 'dist/explore/page.js'), 'utf8')
    mock = createMockTray({
      tokens: [token],
      authentications: [{ id: AUTH_ID, name: 'Ada at Acme', serviceEnvironmentId: 'env' }],
    })
    const app = createExploreApp({
      token,
      baseUrl: 'http://tray.test',
      fetch: mock.fetch,
      secret,
      script,
      config: {
        mock: true,
        server: 'the mock of this test',
        apiPrefix: API_PREFIX,
        authentications: [{ id: AUTH_ID, name: 'Ada at Acme' }],
      },
    })
    server = await serveFetch(app)
    await mkdir(OUTPUT, { recursive: true })
    profile = await mkdtemp(join(tmpdir(), 'traykit-explore-chromium-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: FLAGS,
      timeout: 20_000,
    })
    page = context.pages()[0] ?? (await context.newPage())
    page.setDefaultTimeout(10_000)
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('request', (request) => {
      seen.push(`${request.method()} ${request.url()} ${JSON.stringify(request.headers())}`)
      seen.push(request.postData() ?? '')
    })
    page.on('response', (response) => {
      pending.push(
        response.allHeaders().then(async (headers) => {
          seen.push(JSON.stringify(headers))
          seen.push(await response.text().catch(() => ''))
        }),
      )
    })
  }, 45_000)

  afterAll(async () => {
    await context?.close()
    await server?.close()
    if (profile) await rm(profile, { recursive: true, force: true })
    await writeFile(join(OUTPUT, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`)
    console.log('traykit explore figures:', JSON.stringify(figures))
  })

  const pageUrl = () => `${server.url}/?secret=${secret}`
  const shot = (name: string) =>
    page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true })

  it('answers 401 without the secret: the page and its API', async () => {
    const refused = await page.goto(`${server.url}/`)
    expect(refused?.status()).toBe(401)
    expect(await page.textContent('h1')).toBe('This page needs its secret')
    const wrong = await page.goto(`${server.url}/?secret=${createExploreSecret()}`)
    expect(wrong?.status()).toBe(401)
    const api = await page.evaluate(async () => {
      const response = await fetch('/tray/core/v1/connectors')
      return { status: response.status, body: await response.text() }
    })
    expect(api.status).toBe(401)
    expect(api.body).not.toContain('slack')
    await shot('01-secret-required')
    // Chromium logs each 401 above as a console error: those were the point here.
    problems.length = 0
  })

  it('loads the catalog and renders it first', async () => {
    const response = await page.goto(pageUrl())
    expect(response?.status()).toBe(200)
    const connector = page.getByLabel('Connector', { exact: true })
    await connector.locator('option', { hasText: 'Slack (slack)' }).waitFor({ state: 'attached' })
    const names = await connector.locator('option').allTextContents()
    expect(names.length).toBeGreaterThan(3)
    await page.getByLabel('Search connectors').fill('sla')
    expect(await connector.locator('option').allTextContents()).toEqual(['Slack (slack)'])
    figures.firstRenderMs = await page.evaluate(() =>
      Math.round(performance.getEntriesByName('explore:catalog')[0]?.startTime ?? -1),
    )
    await shot('02-catalog')
  })

  it("renders slack 9.0 send_message's form, with the channels once a workspace is chosen", async () => {
    await page.getByLabel('Connector', { exact: true }).selectOption('slack')
    await page.getByLabel('Version').selectOption('9.0')
    const operation = page.getByLabel('Operation', { exact: true })
    await operation.locator('option[value="send_message"]').waitFor({ state: 'attached' })
    await operation.selectOption('send_message')
    const form = page.getByRole('form', { name: 'Send Message input' })
    await form.waitFor()
    const labels = await form.locator('label').allTextContents()
    expect(labels).toEqual([
      'Workspace',
      'Time (required)',
      'Channel (required)',
      'Message (required)',
      'Description',
    ])
    // The advanced field is folded away until asked for.
    expect(await form.getByLabel('Description').isVisible()).toBe(false)
    const workspace = form.getByLabel('Workspace', { exact: true })
    const channel = form.getByLabel('Channel (required)', { exact: true })
    await workspace.locator('option', { hasText: 'Acme' }).waitFor({ state: 'attached' })
    expect(await channel.locator('option').allTextContents()).toEqual(['Choose Workspace first'])
    await workspace.selectOption({ label: 'Globex' })
    await channel.locator('option', { hasText: '#announcements' }).waitFor({ state: 'attached' })
    await workspace.selectOption({ label: 'Acme' })
    await channel.locator('option', { hasText: '#general' }).waitFor({ state: 'attached' })
    expect(await channel.locator('option').allTextContents()).toEqual([
      'Choose channel',
      '#general',
      '#random',
    ])
    await shot('03-form-with-lookups')
  })

  it('shows the issues of an invalid form and sends nothing', async () => {
    const before = mock.calls.length
    const tasks = mock.tasks
    await page.getByLabel('Time (required)', { exact: true }).fill('in 5 minutes')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    const alert = page.locator('.issues[role="alert"]')
    await alert.waitFor()
    const text = await alert.textContent()
    expect(text).toContain('nothing was sent')
    expect(text).toContain('channel_id')
    expect(text).toContain('message')
    // Each issue also shows at its field, which says it is invalid.
    expect(
      await page.getByLabel('Message (required)', { exact: true }).getAttribute('aria-invalid'),
    ).toBe('true')
    expect(await page.locator('dialog').count()).toBe(0)
    expect(mock.calls.length).toBe(before)
    expect(mock.tasks).toBe(tasks)
    await shot('04-invalid-form')
  })

  it('validates live: the issues go as the fields are filled', async () => {
    await page.getByLabel('Channel (required)', { exact: true }).selectOption({ label: '#general' })
    await page.getByLabel('Message (required)', { exact: true }).fill('Hello from Chromium')
    await page.locator('.issues[role="alert"]').waitFor({ state: 'hidden' })
    expect(
      await page.getByLabel('Message (required)', { exact: true }).getAttribute('aria-invalid'),
    ).toBeNull()
    const cli = await page.locator('#snippet-cli').textContent()
    expect(cli).toContain("traykit call slack@9.0 send_message --input '")
    expect(cli).toContain('"message":"Hello from Chromium"')
    expect(cli).toContain('--mock')
    const curl = await page.locator('#snippet-curl').textContent()
    expect(curl).toContain(`${server.url}/tray/core/v1/connectors/slack/versions/9.0/call`)
    expect(curl).toContain(`authorization: Bearer ${secret}`)
    const ts = await page.locator('#snippet-ts').textContent()
    expect(ts).toContain('tray.callConnector("slack", "9.0", {')
  })

  it('runs a valid call after a confirmation, billing exactly one task', async () => {
    const before = mock.calls.length
    const tasks = mock.tasks
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('bills one task')
    await shot('05-confirm')
    expect(mock.tasks).toBe(tasks)
    await dialog.getByRole('button', { name: 'Run, bill one task' }).click()
    const output = page.getByLabel('Call output', { exact: true })
    await output.waitFor()
    expect(JSON.parse((await output.textContent()) ?? '')).toEqual({ reminder_id: 'Rm0000000001' })
    expect(mock.tasks - tasks).toBe(1)
    const sent = mock.calls.slice(before)
    expect(sent).toMatchObject([
      {
        operation: 'send_message',
        billed: true,
        outcome: 'success',
        input: { channel_id: 'C0000GENERAL', message: 'Hello from Chromium' },
      },
    ])
    await shot('06-output')
  })

  it('copies a snippet to the clipboard', async () => {
    await context?.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    const copy = page.getByRole('button', { name: 'Copy traykit call' })
    await copy.click()
    await page
      .getByRole('button', { name: 'Copy traykit call' })
      .filter({ hasText: 'Copied' })
      .waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(await page.locator('#snippet-cli').textContent())
  })

  it('creates an authentication in a service environment, and the lookups run with it', async () => {
    const form = page.getByRole('form', { name: 'Create an authentication' })
    await page.getByText('Create an authentication', { exact: true }).click()
    const environment = form.getByLabel('Service environment')
    await environment.locator('option', { hasText: 'Production' }).waitFor({ state: 'attached' })
    await form.getByLabel('Authentication name').fill('Grace at Globex')
    await form.getByRole('button', { name: 'Create authentication' }).click()
    await page.getByText('Created Grace at Globex').waitFor()
    const created = mock.calls.filter((c) => c.path === '/core/v1/authentications')
    expect(created).toMatchObject([{ method: 'POST', status: 200 }])
    const id = created[0]?.authId
    expect(await page.getByLabel('Use authentication', { exact: true }).inputValue()).toBe(id)
    // The workspace lookup ran again, with the new authentication.
    const workspace = page.getByLabel('Workspace', { exact: true })
    await workspace.locator('option', { hasText: 'Acme' }).waitFor({ state: 'attached' })
    await expect
      .poll(() => mock.calls.filter((c) => c.operation === 'list_workspaces_ddl').at(-1)?.authId)
      .toBe(id)
    await shot('07-authentication-created')
  })

  it("shows a third party's error as Tray returned it (one task billed), and a dynamic output schema", async () => {
    await page.goto('about:blank')
    await page.goto(`${pageUrl()}#salesforce/get_record`)
    const form = page.getByRole('form', { name: 'Get Record input' })
    await form.waitFor()
    await page.getByLabel('Use authentication', { exact: true }).selectOption(AUTH_ID)
    await form.locator('select[data-field="object_type"]').selectOption({ label: 'Account' })
    await form.getByLabel('Record ID (required)', { exact: true }).fill('000000000000')
    const tasks = mock.tasks
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Run, bill one task' }).click()
    await page.getByText('The third-party service answered with an error').waitFor()
    expect(await page.getByLabel('Call output', { exact: true }).textContent()).toContain(
      'NOT_FOUND',
    )
    expect(mock.tasks - tasks).toBe(1)
    expect(mock.calls.at(-1)).toMatchObject({
      operation: 'get_record',
      outcome: 'error',
      authId: AUTH_ID,
    })
    await shot('08-third-party-error')

    await page.getByRole('button', { name: 'Get the output schema for this input' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Run, bill one task' }).click()
    const schema = page.getByLabel('Output schema for this input', { exact: true })
    await schema.waitFor()
    expect(JSON.parse((await schema.textContent()) ?? '')).toMatchObject({
      properties: { Industry: { type: 'string' } },
    })
    expect(mock.tasks - tasks).toBe(2)
  })

  it('renders nested arrays of objects: items added and removed, each with its lookup', async () => {
    await page.goto('about:blank')
    await page.goto(`${pageUrl()}#google-sheets@8.2/create_row`)
    const form = page.getByRole('form', { name: 'Create Row input' })
    await form.waitFor()
    // The enum shows Tray's labels, with its default chosen.
    const option = form.getByLabel('Value input option (required)', { exact: true })
    expect(await option.locator('option:checked').textContent()).toBe('Raw value')
    await form.getByLabel('Spreadsheet ID (required)', { exact: true }).fill('S1')
    const worksheet = form.getByLabel('Worksheet name (required)', { exact: true })
    await worksheet.locator('option', { hasText: 'Sheet1' }).waitFor({ state: 'attached' })
    await worksheet.selectOption({ label: 'Sheet1' })
    const add = form.getByRole('button', { name: 'Add Field' })
    await add.click()
    await add.click()
    const items = form.getByRole('group', { name: /^Field \d$/ })
    expect(await items.count()).toBe(2)
    const second = form.getByRole('group', { name: 'Field 2' })
    const heading = second.getByLabel('Column heading (required)', { exact: true })
    await heading.locator('option:not([value=""])').first().waitFor({ state: 'attached' })
    const column = (await heading.locator('option:not([value=""])').first().textContent()) ?? ''
    await heading.selectOption({ label: column })
    await second.getByLabel('Value (required)', { exact: true }).fill('42')
    await form.getByRole('button', { name: 'Remove Field 1' }).click()
    expect(await items.count()).toBe(1)
    await shot('09-nested-array')
    const line = (await page.locator('#snippet-cli').textContent()) ?? ''
    const input = JSON.parse(/--input '([^']*)'/.exec(line)?.[1] ?? '{}')
    expect(input).toEqual({
      spreadsheet_id: 'S1',
      worksheet_name: 'Sheet1',
      data: [{ column_heading: expect.any(String), value: 42 }],
      value_input_option: 'RAW',
    })
    expect(input.data[0].column_heading).not.toBe('')
  })

  it('works from the keyboard: search, pick, and run shows the issues', async () => {
    await page.goto('about:blank')
    await page.goto(pageUrl())
    await page.getByLabel('Search connectors').focus()
    await page.keyboard.type('slack')
    await page.keyboard.press('Tab')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Tab') // the version: the newest, 9.1
    expect(await page.getByLabel('Version').inputValue()).toBe('9.1')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    const operation = page.getByLabel('Operation', { exact: true })
    await operation.locator('option[value="send_message"]').waitFor({ state: 'attached' })
    await page.keyboard.press('ArrowDown')
    const form = page.getByRole('form', { name: 'Send Message input' })
    await form.waitFor()
    await page.getByRole('button', { name: 'Run', exact: true }).focus()
    await page.keyboard.press('Enter')
    const alert = page.locator('.issues[role="alert"]')
    await alert.waitFor()
    // The summary takes the focus, so a screen reader reads the problems at once.
    expect(await alert.evaluate((node) => node === document.activeElement)).toBe(true)
    expect(await page.locator('dialog').count()).toBe(0)
  })

  it('measures a form opened from a link: time to usable and requests per form', async () => {
    const requests: string[] = []
    const count = (request: { url(): string }) => {
      if (request.url().includes(`${API_PREFIX}/`)) requests.push(new URL(request.url()).pathname)
    }
    // A new document: only the hash would change otherwise, and nothing would load again.
    await page.goto('about:blank')
    page.on('request', count)
    await page.goto(`${pageUrl()}#slack@9.0/send_message`)
    await page
      .getByLabel('Workspace')
      .locator('option', { hasText: 'Acme' })
      .waitFor({ state: 'attached' })
    figures.usableFormMs = await page.evaluate(() => Math.round(performance.now()))
    figures.requestsToUsableForm = requests.length
    figures.requestPaths = [...requests]
    await page.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Acme' })
    await page
      .getByLabel('Channel')
      .locator('option', { hasText: '#general' })
      .waitFor({ state: 'attached' })
    figures.requestsPerWorkspaceChange = requests.length - (figures.requestsToUsableForm as number)
    page.off('request', count)
  })

  it('lets a value be typed when its lookup fails, and the lookups after it follow', async () => {
    mock.handle(
      'slack',
      'list_workspaces_ddl',
      () => {
        throw new Error('workspaces are unavailable')
      },
      { version: '9.0' },
    )
    await page.goto('about:blank')
    await page.goto(`${pageUrl()}#slack@9.0/send_message`)
    const form = page.getByRole('form', { name: 'Send Message input' })
    await form.getByText('Could not load the options').waitFor()
    await form.getByLabel('Workspace, typed by hand').fill('T0000ACME')
    const channel = form.getByLabel('Channel (required)', { exact: true })
    await channel.locator('option', { hasText: '#general' }).waitFor({ state: 'attached' })
    const line = (await page.locator('#snippet-cli').textContent()) ?? ''
    expect(line).toContain('"workspace_id":"T0000ACME"')
    await shot('10-lookup-failed')
  })

  it('keeps the page small: script and style under 60 KiB gzip', () => {
    const gzip = gzipSync(script + PAGE_CSS, { level: 9 }).length
    figures.pageBytes = script.length + PAGE_CSS.length
    figures.pageGzipBytes = gzip
    expect(gzip).toBeLessThanOrEqual(60 * 1024)
  })

  it('never shows the token to the browser, and logs no console error', async () => {
    await Promise.all(pending)
    expect(seen.some((text) => text.includes('/tray/core/v1/connectors'))).toBe(true)
    for (const text of [await page.content(), ...seen]) expect(text).not.toContain(token)
    expect(problems).toEqual([])
  })
})
