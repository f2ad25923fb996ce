import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { cliSnippet, curlSnippet, shellQuote, typescriptSnippet } from './snippets'

const HOSTILE = `it's "$HOME" \`id\` $(id) \\ ; | & < > * ? ! # ~ {a,b}\nnext line ✓`
const call = {
  connector: 'slack',
  version: '9.0',
  operation: 'send_message',
  input: { channel_id: 'C0000GENERAL', message: HOSTILE },
  authId: '00000000-0000-4000-8000-000000000001',
}
const context = { apiUrl: 'http://127.0.0.1:4000/tray', secret: 'the-run-secret', mock: true }

/** The words a POSIX shell makes of `line` (after the given command name). */
function shellWords(line: string): string[] {
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${line.replace(/\\\n/g, '')}`])
  return out.toString('utf8').split('\0').slice(0, -1)
}

describe('the snippets of a call', () => {
  it('quotes any text so a shell reads it back unchanged', () => {
    for (const text of [HOSTILE, '', "'", 'plain', '--flag', 'a b']) {
      expect(shellWords(shellQuote(text))).toEqual([text])
    }
  })

  it('writes a traykit call line whose --input is the form’s input', () => {
    const words = shellWords(cliSnippet(call, context).slice('traykit '.length))
    expect(words.slice(0, 3)).toEqual(['call', 'slack@9.0', 'send_message'])
    expect(JSON.parse(words[4] ?? '')).toEqual(call.input)
    expect(words.slice(5)).toEqual(['--auth-id', call.authId, '--mock'])
  })

  it('writes a curl line against the edge URL, the secret as bearer, the payload as body', () => {
    const words = shellWords(curlSnippet(call, context).slice('curl '.length))
    expect(words).toEqual([
      '-sS',
      'http://127.0.0.1:4000/tray/core/v1/connectors/slack/versions/9.0/call',
      '-H',
      'authorization: Bearer the-run-secret',
      '-H',
      'content-type: application/json',
      '--data',
      JSON.stringify({ operation: 'send_message', authId: call.authId, input: call.input }),
    ])
  })

  it('writes TypeScript that calls @traykit/core with the same payload', () => {
    const code = typescriptSnippet(call, { ...context, mock: false })
    expect(code).toContain("import { createTrayClient } from '@traykit/core'")
    expect(code).toContain('tray.callConnector("slack", "9.0", {')
    const payload = /callConnector\("slack", "9\.0", (\{[\s\S]*?\n\})\)/.exec(code)?.[1] ?? ''
    // Object literal of JSON values: JavaScript reads it as the payload.
    expect(new Function(`return (${payload})`)()).toEqual({
      operation: 'send_message',
      authId: call.authId,
      input: call.input,
    })
  })
})
