import { describe, expect, it } from 'vitest'
import { TrayNotFoundError } from '../errors/tray-api-error'
import { AUTH_ID, CONNECTORS, scriptedFetch } from './__fixtures__/scripted-fetch'
import { createTrayClient } from './create-tray-client'

// What the server sends, as raw text: the client must hand back exactly this, parsed.
const SEND_MESSAGE = {
  name: 'send_message',
  title: 'Send message',
  description: 'Posts a text to a channel: created in mocked hubspot, tested with elements.',
  hasDynamicOutput: false,
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['channel', 'text'],
    properties: {
      channel: { type: 'string', title: 'Channel', description: 'e.g. #test or #slack' },
      text: { type: 'string', title: 'Text', description: 'Authorization: Bearer mock' },
    },
  },
  outputSchema: { type: 'object' },
}
const OPERATIONS_TEXT = JSON.stringify({ elements: [SEND_MESSAGE] })
const CONNECTORS_TEXT = JSON.stringify(CONNECTORS)
// Escapes stay escapes in the text; parsed, they are the characters the server meant.
const OUTPUT_TEXT =
  '{"outcome":"success","output":{"text":"hi","message":"created in mocked hubspot",' +
  '"elements":[{"name":"slack","value":"a e x t"}],"escaped":"\\u0074est \\/slack\\/",' +
  '"echo":"Bearer test","long":"tok_live_5f3a9c1e7b2d4f6a8c0e"}}'

describe('successful data is never redacted, whatever the token', () => {
  it.each(['x', 'a', 'e', 't', 'test', 'mock', 'slack', 'tok_live_5f3a9c1e7b2d4f6a8c0e'])(
    'token %j: catalog reads and call outputs are what the server sent',
    async (token) => {
      const server = scriptedFetch(
        { status: 200, body: CONNECTORS_TEXT },
        { status: 200, body: OPERATIONS_TEXT },
        { status: 200, body: OUTPUT_TEXT },
      )
      const tray = createTrayClient({ token, fetch: server.fetch })
      expect(await tray.listConnectors()).toEqual(JSON.parse(CONNECTORS_TEXT).elements)
      expect(await tray.listOperations('slack', '9.1')).toEqual(
        JSON.parse(OPERATIONS_TEXT).elements,
      )
      // Validated against the schema as sent: a field named `text` is still `text`.
      const output = await tray.callConnector('slack', '9.1', {
        operation: 'send_message',
        input: { channel: '#general', text: 'hi' },
        authId: AUTH_ID,
      })
      expect(output).toEqual(JSON.parse(OUTPUT_TEXT).output)
      expect(server.requests).toHaveLength(3)
    },
  )

  it.each(['x', 'slack', 'mock'])(
    'token %j: throwOnError: false returns an error outcome untouched',
    async (token) => {
      const raw =
        '{"outcome":"error","output":{"message":"created in mocked slack","x":"Bearer x"}}'
      const server = scriptedFetch({ status: 200, body: raw })
      const tray = createTrayClient({ token, fetch: server.fetch })
      const result = await tray.callConnector(
        'slack',
        '9.1',
        { operation: 'send_message', input: {} },
        { validate: false, throwOnError: false },
      )
      expect(result).toEqual(JSON.parse(raw))
    },
  )

  it('a short token leaves error messages readable: "Connector not found: slack 9.0"', async () => {
    const server = scriptedFetch({
      status: 404,
      body: { message: 'Connector not found: slack 9.0', code: null },
    })
    const tray = createTrayClient({ token: 'slack', fetch: server.fetch })
    const error = await tray.listOperations('slack', '9.0').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrayNotFoundError)
    expect((error as Error).message).toBe('Connector not found: slack 9.0')
    expect((error as TrayNotFoundError).body).toEqual({
      message: 'Connector not found: slack 9.0',
      code: null,
    })
  })
})
