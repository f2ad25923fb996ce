import { TrayServerError } from '@traykit/core'
import { useMockTray } from '@traykit/testing/vitest'
import { describe, expect, it } from 'vitest'
import { notifyChannel } from './notify-channel.js'

// A downstream project's tests: the app's own function, against the mock Tray. No Tray
// account, no billed task, and every Tray behaviour on demand.

const AUTH_ID = '6d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d'

describe('notifyChannel', () => {
  const tray = useMockTray({
    authentications: [
      {
        id: AUTH_ID,
        name: "Ada's Slack",
        serviceEnvironmentId: '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1',
      },
    ],
  })

  it('sends the title and body to the channel with the latest Slack connector', async () => {
    const result = await notifyChannel(tray.client, {
      authId: AUTH_ID,
      channel: 'C0000GENERAL',
      title: 'Deploy finished',
      body: 'v1.2.3 is live',
    })
    expect(result).toEqual({ sent: true, ts: '1654555157.195399' })
    const calls = tray.mock.calls.filter((c) => c.route === 'call')
    expect(calls).toMatchObject([
      {
        connector: 'slack',
        version: '9.1',
        operation: 'send_message',
        authId: AUTH_ID,
        input: { channel: 'C0000GENERAL', text: '*Deploy finished*\nv1.2.3 is live' },
      },
    ])
    expect(tray.mock.tasks).toBe(1)
  })

  it('reports an archived channel instead of throwing', async () => {
    tray.mock.handle('slack', 'send_message', () => ({
      outcome: 'error',
      output: {
        response: { statusCode: 400, body: { ok: false, error: 'is_archived' } },
        expects: { statusCode: [200] },
        message: 'Channel has been archived.',
      },
    }))
    const result = await notifyChannel(tray.client, { authId: AUTH_ID, channel: 'C1', title: 'Hi' })
    expect(result).toEqual({ sent: false, reason: 'channel-archived' })
  })

  it('lets other third-party failures through', async () => {
    tray.mock.handle('slack', 'send_message', () => {
      throw new Error('Slack is down')
    })
    await expect(
      notifyChannel(tray.client, { authId: AUTH_ID, channel: 'C1', title: 'Hi' }),
    ).rejects.toThrow('Slack is down')
  })

  it('does not send twice when Tray fails during the call', async () => {
    tray.mock.fail({ status: 502, match: { route: 'call' } })
    await expect(
      notifyChannel(tray.client, { authId: AUTH_ID, channel: 'C1', title: 'Hi' }),
    ).rejects.toBeInstanceOf(TrayServerError)
    expect(tray.mock.calls.filter((c) => c.route === 'call')).toHaveLength(1)
  })

  it('fails on an authentication Tray does not know', async () => {
    await expect(
      notifyChannel(tray.client, {
        authId: '00000000-0000-4000-8000-000000000000',
        channel: 'C1',
        title: 'Hi',
      }),
    ).rejects.toMatchObject({ status: 404 })
    expect(tray.mock.tasks).toBe(0)
  })
})
