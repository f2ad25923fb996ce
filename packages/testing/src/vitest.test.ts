import { TrayValidationError } from '@traykit/core'
import { describe, expect, it } from 'vitest'
import { TEST_TOKEN, useMockTray } from './vitest'

describe('useMockTray', () => {
  const tray = useMockTray()

  it('gives the test a mock and a client that talks to it', async () => {
    tray.mock.handle('slack', 'send_message', () => ({ ok: true, ts: '1' }))
    const output = await tray.client.callConnector('slack', '9.1', {
      operation: 'send_message',
      input: { channel: 'C1', text: 'hi' },
    })
    expect(output).toEqual({ ok: true, ts: '1' })
    expect(tray.mock.tasks).toBe(1)
  })

  it('gives the next test a fresh one: no handler, no journal', async () => {
    expect(tray.mock.calls).toEqual([])
    const output = await tray.client.callConnector('slack', '9.1', {
      operation: 'send_message',
      input: { channel: 'C1', text: 'hi' },
    })
    expect(output).toMatchObject({ ok: true, ts: '1654555157.195399' })
  })

  it('has a client that validates before sending, so a bad input costs nothing', async () => {
    await expect(
      tray.client.callConnector('slack', '9.1', { operation: 'send_message', input: {} }),
    ).rejects.toBeInstanceOf(TrayValidationError)
    expect(tray.mock.tasks).toBe(0)
  })

  it('has no URL unless asked to listen', () => {
    expect(() => tray.url).toThrow('pass { listen: true } to get a URL')
  })
})

describe('useMockTray with options', () => {
  const tray = useMockTray({ tokens: ['only-this-token'] })

  it('passes them to the mock, and the first token to the client', async () => {
    expect(TEST_TOKEN).not.toBe('only-this-token')
    expect(await tray.client.listOperations('slack', '9.1')).toHaveLength(5)
    expect(await tray.client.listOperations('slack', '9.0')).toHaveLength(4)
    expect(tray.mock.calls.map((c) => c.status)).toEqual([200, 200])
  })
})

describe('outside a test', () => {
  const tray = useMockTray()
  let outside: unknown
  try {
    void tray.mock
  } catch (error) {
    outside = error
  }

  it('there is no mock, and the error says where there is one', () => {
    expect(String(outside)).toContain('the mock exists only inside a test or its hooks')
  })
})
