import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { type CliIo, redactSecrets, redactValue, runWithIo } from './cli-io'
import { registerSecret } from './client/open-client'

const io: CliIo = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: Readable.from([]),
  env: {},
  cwd: '/',
  untilShutdown: () => new Promise(() => {}),
}

const TOKEN = 'tok_0123456789abcdefghij'

describe('redactSecrets', () => {
  it("removes a registered token by core's rule: any spelling, and runs of 12 of its characters", async () => {
    const escaped = [...TOKEN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    const text = await runWithIo(io, async () => {
      registerSecret(TOKEN)
      return redactSecrets(
        `Bearer ${TOKEN}; escaped ${escaped.join('')}; cut ${TOKEN.slice(0, 14)}; short ${TOKEN.slice(0, 6)}`,
      )
    })
    expect(text).toBe('Bearer [redacted]; escaped [redacted]; cut [redacted]; short tok_01')
  })

  it('leaves words that hold a short token, such as the mock’s `mock`, as they are', async () => {
    const text = await runWithIo(io, async () => {
      registerSecret('mock')
      return redactSecrets('created in mocked hubspot; Bearer mock')
    })
    expect(text).toBe('created in mocked hubspot; Bearer [redacted]')
  })

  it('redacts the strings and keys of a JSON value, as a copy', async () => {
    const value = { [TOKEN]: [`saw ${TOKEN.slice(2, 16)}`], kept: 'mocked' }
    const redacted = await runWithIo(io, async () => {
      registerSecret(TOKEN)
      return redactValue(value)
    })
    expect(redacted).toEqual({ '[redacted]': ['saw [redacted]'], kept: 'mocked' })
    expect(value.kept).toBe('mocked')
  })

  it('keeps each run’s secrets to that run', async () => {
    await runWithIo(io, async () => registerSecret(TOKEN))
    expect(await runWithIo(io, async () => redactSecrets(TOKEN))).toBe(TOKEN)
  })
})
