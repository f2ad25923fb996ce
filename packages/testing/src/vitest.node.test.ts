import { createTrayClient } from '@traykit/core'
import { describe, expect, it } from 'vitest'
import { TEST_TOKEN, useMockTray } from './vitest'

describe('useMockTray({ listen: true })', () => {
  const tray = useMockTray({ listen: true })
  const urls: string[] = []

  it('serves each test its own mock over HTTP, with a client on that URL', async () => {
    urls.push(tray.url)
    expect(tray.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(tray.client.baseUrl).toBe(tray.url)
    const other = createTrayClient({ baseUrl: tray.url, token: TEST_TOKEN })
    expect(await other.listConnectors()).toHaveLength(6)
    expect(tray.mock.calls).toHaveLength(1)
  })

  it('closes the previous server after its test', async () => {
    urls.push(tray.url)
    const previous = urls[0]!
    await expect(fetch(`${previous}/core/v1/connectors`)).rejects.toThrow('fetch failed')
  })
})
