import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { type CliIo, currentRun, redactSecrets, runWithIo } from './cli-io'

const io: CliIo = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: Readable.from([]),
  env: {},
  cwd: '/',
  untilShutdown: () => new Promise(() => {}),
}

describe('redactSecrets', () => {
  it('removes a registered token from any text, but not a short word such as the mock token', async () => {
    const text = await runWithIo(io, async () => {
      currentRun().secrets.add('tok_0123456789')
      currentRun().secrets.add('mock')
      return redactSecrets('Bearer tok_0123456789 for the mock; again tok_0123456789')
    })
    expect(text).toBe('Bearer [redacted] for the mock; again [redacted]')
  })

  it('keeps each run’s secrets to that run', async () => {
    await runWithIo(io, async () => currentRun().secrets.add('tok_0123456789'))
    expect(await runWithIo(io, async () => redactSecrets('tok_0123456789'))).toBe('tok_0123456789')
  })
})
