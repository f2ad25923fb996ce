import { type TrayClient, TrayConnectorError } from '@traykit/core'

/** What happened to a notification. */
export type NotifyResult = { sent: true; ts: string } | { sent: false; reason: 'channel-archived' }

/**
 * Posts a notification to a Slack channel through Tray, as the user whose Slack authentication
 * `authId` is, with the latest version of Tray's Slack connector. An archived channel is an
 * expected outcome, not an error; any other failure throws.
 */
export async function notifyChannel(
  tray: TrayClient,
  notification: { authId: string; channel: string; title: string; body?: string },
): Promise<NotifyResult> {
  const slack = await tray.getConnector('slack')
  const text = notification.body
    ? `*${notification.title}*\n${notification.body}`
    : notification.title
  try {
    const output = await tray.callConnector('slack', slack.version, {
      operation: 'send_message',
      authId: notification.authId,
      input: { channel: notification.channel, text },
    })
    return { sent: true, ts: String(output.ts) }
  } catch (error) {
    if (error instanceof TrayConnectorError && isArchived(error.output)) {
      return { sent: false, reason: 'channel-archived' }
    }
    throw error
  }
}

function isArchived(output: Record<string, unknown>): boolean {
  const body = (output.response as { body?: { error?: unknown } } | undefined)?.body
  return body?.error === 'is_archived'
}
