import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { type CliIo, runWithIo } from '../cli-io'
import { registerSecret } from '../client/open-client'
import { createOutput } from './output'

const TOKEN = 'tray_SECRET_4f0c9d1e_TOKEN'

function terminal(columns: number) {
  let written = ''
  const io: CliIo = {
    stdout: {
      write: (chunk: string) => {
        written += chunk
        return true
      },
      isTTY: true,
      columns,
    },
    stderr: { write: () => true },
    stdin: Readable.from([]),
    env: { NO_COLOR: '1' },
    cwd: '/',
    untilShutdown: () => new Promise(() => {}),
  }
  return { io, written: () => written }
}

describe('tables', () => {
  for (const overflow of ['truncate', 'wrap'] as const) {
    it(`redact a token in a cell before the terminal's width ${overflow}s it`, async () => {
      const { io, written } = terminal(40)
      await runWithIo(io, async () => {
        registerSecret(TOKEN)
        const rows = [{ name: 'echo', description: `Echoed: Bearer ${TOKEN} back` }]
        createOutput({}).table(
          [
            { header: 'NAME', value: (r: (typeof rows)[number]) => r.name },
            { header: 'DESCRIPTION', value: (r: (typeof rows)[number]) => r.description },
          ],
          rows,
          overflow,
        )
      })
      expect(written()).toContain('Echoed: Bearer [redac')
      expect(written()).not.toMatch(/SECRET|4f0c9d1e|tray_S/)
    })
  }
})
