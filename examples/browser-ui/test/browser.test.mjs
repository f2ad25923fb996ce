// The page as a user meets it, in Debian's headless Chromium driven by playwright-core.
// JavaScript, not TypeScript: every .ts file under examples/ is also a docs test, run in a
// project that has the packs but neither playwright-core nor Chromium.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBrowserUiApp } from '../src/app.ts'

const CHROMIUM = '/usr/bin/chromium'
// Playwright adds --headless and a new empty --user-data-dir itself. The rest keep Chromium
// from reaching for Google's hosts, which a closed network refuses, and from a GPU.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

describe('the browser example in Chromium', { timeout: 30_000 }, () => {
  const token = `mock-${randomBytes(24).toString('base64url')}`
  const seen = []
  const pending = []
  let mock
  let server
  let browser
  let page
  let url
  let authId

  beforeAll(async () => {
    // Missing Chromium fails the run: CI installs it (.ci/run), so a skip would hide a break.
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`)
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../src/main.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      logLevel: 'silent',
    })
    const built = createBrowserUiApp({ token, pageScript: bundle.outputFiles[0].text })
    mock = built.mock
    ;({ server, url } = await new Promise((resolve) => {
      const s = serve({ fetch: built.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
        resolve({ server: s, url: `http://127.0.0.1:${info.port}/` }),
      )
    }))
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 20_000 })
    page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    // Everything the browser sends and receives, to look for the token afterwards.
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
    await page.goto(url)
  }, 45_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()))
  })

  it('lists the connectors and opens slack 9.1', async () => {
    const connector = page.getByLabel('Connector')
    await connector.locator('option', { hasText: 'Slack 9.1' }).waitFor({ state: 'attached' })
    expect(await connector.inputValue()).toBe('slack@9.1')
    const names = await connector.locator('option').allTextContents()
    expect(names.length).toBeGreaterThan(1)
    expect(await page.getByLabel('Operation').inputValue()).toBe('send_message')
  })

  it("renders send_message's form from its fields, each with a label", async () => {
    const form = page.getByRole('form', { name: 'Send Message' })
    await form.waitFor()
    const labels = await form.locator('label').allTextContents()
    expect(labels).toEqual(['Workspace', 'Channel (required)', 'Text (required)', 'Username'])
    // Each label names its control (getByLabel finds it), and the description describes it.
    expect(await form.getByLabel('Text').getAttribute('aria-describedby')).toBeTruthy()
    expect(await form.getByLabel('Username').evaluate((e) => e.tagName)).toBe('INPUT')
    expect(await form.getByLabel('Channel').evaluate((e) => e.tagName)).toBe('SELECT')
  })

  it('creates an authentication in a service environment of slack', async () => {
    const environment = page.getByLabel('Service environment')
    await environment.locator('option', { hasText: 'Production' }).waitFor({ state: 'attached' })
    await page.getByLabel('Authentication name').fill('Ada at Acme')
    await page.getByRole('button', { name: 'Create authentication' }).click()
    const state = page.getByRole('status')
    await state.filter({ hasText: 'Using authentication Ada at Acme' }).waitFor()
    authId = /\(([0-9a-f-]{36})\)/.exec(await state.textContent())?.[1]
    expect(authId).toBeDefined()
    expect(mock.calls.filter((c) => c.path === '/core/v1/authentications')).toMatchObject([
      { method: 'POST', status: 200, authId },
    ])
  })

  it('fills the lookups live: workspaces, then the chosen workspace’s channels', async () => {
    const workspace = page.getByLabel('Workspace')
    const channel = page.getByLabel('Channel')
    await workspace.locator('option', { hasText: 'Acme' }).waitFor({ state: 'attached' })
    expect(await channel.locator('option').allTextContents()).toEqual(['Choose Workspace first'])
    await workspace.selectOption({ label: 'Acme' })
    await channel.locator('option', { hasText: '#general' }).waitFor({ state: 'attached' })
    expect(await channel.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['#general', '#random']),
    )
  })

  it('runs the call and shows its output', async () => {
    await page.getByLabel('Channel').selectOption({ label: '#general' })
    await page.getByLabel('Text').fill('Hello from Chromium')
    await page.getByRole('button', { name: 'Run' }).click()
    const output = page.getByLabel('Output')
    await page.waitForFunction(() =>
      document.querySelector('pre[aria-label="Output"]')?.textContent?.includes('"ok": true'),
    )
    const shown = JSON.parse(await output.textContent())
    expect(shown).toMatchObject({
      ok: true,
      channel: 'C0000GENERAL',
      message: { text: 'Hello from Chromium' },
    })
    const sent = mock.calls.filter((c) => c.operation === 'send_message')
    expect(sent).toHaveLength(1)
    // The lookups and the call ran with the authentication created above.
    expect(sent[0]).toMatchObject({ outcome: 'success', authId })
    const channels = mock.calls.filter((c) => c.operation === 'list_channels_ddl')
    expect(channels.map((c) => c.authId)).toEqual(channels.map(() => authId))
  })

  it("never shows the mock's token to the browser: page, script or network", async () => {
    await Promise.all(pending)
    expect(seen.some((text) => text.includes('/tray/core/v1/connectors'))).toBe(true)
    const page_ = await page.content()
    const script = await page.evaluate(async () => (await fetch('/page.js')).text())
    for (const text of [page_, script, ...seen]) expect(text).not.toContain(token)
  })
})
