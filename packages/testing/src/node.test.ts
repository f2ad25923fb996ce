import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTrayClient, TrayConnectionError } from '@traykit/core'
import { afterEach, describe, expect, it } from 'vitest'
import { TOKEN } from './__fixtures__/send'
import { createMockTray, defaultCatalog, MockCatalogError } from './index'
import { type ListeningMockTray, listen, loadCatalogFile } from './node'

let server: ListeningMockTray | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('listen', () => {
  it('serves the mock over HTTP on 127.0.0.1, on a free port by default', async () => {
    const mock = createMockTray()
    server = await listen(mock)
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const tray = createTrayClient({ baseUrl: server.url, token: TOKEN })
    expect((await tray.listConnectors()).length).toBe(6)
    const output = await tray.callConnector('slack', '9.1', {
      operation: 'send_message',
      input: { channel: 'C1', text: 'over HTTP' },
    })
    expect(output).toMatchObject({ ok: true, message: { text: 'over HTTP' } })
    expect(mock.tasks).toBe(1)
  })

  it('close() frees the port at once, even with keep-alive connections open', async () => {
    server = await listen(createMockTray())
    const { port, url } = server
    const response = await fetch(`${url}/core/v1/connectors`, {
      headers: { authorization: `Bearer ${TOKEN}`, connection: 'keep-alive' },
    })
    await response.text()
    await server.close()
    server = await listen(createMockTray(), port)
    expect(server.port).toBe(port)
  })

  it('refuses a port that is taken', async () => {
    server = await listen(createMockTray())
    await expect(listen(createMockTray(), server.port)).rejects.toMatchObject({
      code: 'EADDRINUSE',
    })
  })

  it('drops the connection for real when a drop fault hits', async () => {
    const mock = createMockTray()
    mock.drop({ match: { route: 'call' }, runFirst: true })
    server = await listen(mock)
    const tray = createTrayClient({ baseUrl: server.url, token: TOKEN })
    const error = await tray
      .callConnector('slack', '9.1', {
        operation: 'send_message',
        input: { channel: 'C1', text: 'hi' },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayConnectionError)
    expect(error).toMatchObject({ beforeSend: false })
    // The call ran and was billed: the client must not have sent it again.
    expect(mock.calls.filter((c) => c.route === 'call')).toHaveLength(1)
    expect(mock.tasks).toBe(1)
  })
})

describe('loadCatalogFile', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true })
    dir = undefined
  })

  it('reads and checks a JSON catalog', async () => {
    dir = await mkdtemp(join(tmpdir(), 'traykit-catalog-'))
    const file = join(dir, 'catalog.json')
    await writeFile(file, JSON.stringify(defaultCatalog))
    const catalog = await loadCatalogFile(file)
    expect(catalog.connectors.map((c) => c.name)).toContain('salesforce')
    expect(createMockTray({ catalog })).toBeDefined()
  })

  it('says which file is not JSON, and which path of it is wrong', async () => {
    dir = await mkdtemp(join(tmpdir(), 'traykit-catalog-'))
    const notJson = join(dir, 'broken.json')
    await writeFile(notJson, '{ "connectors": [')
    await expect(loadCatalogFile(notJson)).rejects.toThrow(`${notJson} is not JSON`)
    const wrong = join(dir, 'wrong.json')
    await writeFile(wrong, JSON.stringify({ connectors: [{ name: 'x' }] }))
    const error = await loadCatalogFile(wrong).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MockCatalogError)
    expect((error as MockCatalogError).issues[0]?.path).toBe('connectors[0](x).version')
  })
})
