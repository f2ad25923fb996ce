import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { createTrayClient } from '@traykit/core/client'
import { createRedactor } from '@traykit/core/server'
import { createMockTray } from '@traykit/testing'
import { createTrayMcpServer } from '../create-tray-mcp-server'
import type { TrayMcpServerOptions } from '../mcp-server-options'

/** A Tray-shaped token long enough that core's redactor removes any run of it. */
export const TOKEN = 'tray_live_3f9a1c7e5b2d4f6a8c0e1b3d'
export const AUTH_ID = '00000000-0000-4000-8000-000000000001'
export const OTHER_AUTH_ID = '00000000-0000-4000-8000-000000000002'

/** A mock Tray, a core client of it, and the SDK's own Client connected to a server of it in process. */
export async function connect(options: Omit<TrayMcpServerOptions, 'tray'> = {}) {
  const mock = createMockTray({
    tokens: [TOKEN],
    authentications: [
      { id: AUTH_ID, name: 'Acme Slack', serviceEnvironmentId: 'env' },
      { id: OTHER_AUTH_ID, name: 'Another user', serviceEnvironmentId: 'env' },
    ],
  })
  const tray = createTrayClient({ token: TOKEN, baseUrl: 'http://tray.test', fetch: mock.fetch })
  const server = createTrayMcpServer({ redact: createRedactor(TOKEN), ...options, tray })
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  const client = new Client({ name: 'test-agent', version: '1.0.0' })
  await Promise.all([server.connect(serverSide), client.connect(clientSide)])
  return { mock, tray, server, client, close: () => client.close() }
}

/** The text of a tool result's first content item. */
export function textOf(result: object): string {
  const [first] = ((result as { content?: unknown }).content ?? []) as {
    type: string
    text?: string
  }[]
  return first?.type === 'text' ? (first.text ?? '') : ''
}
