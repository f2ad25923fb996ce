import { describe, expect, it } from 'vitest'
import { fakeTtyStdin } from '../__fixtures__/cli-runs'
import { promptHidden } from './prompt-hidden'

function stderrBuffer() {
  const buffer = { text: '', write: (chunk: string) => (buffer.text += chunk) }
  return buffer
}

describe('promptHidden', () => {
  it('reads a line in raw mode without echoing it, and handles backspace', async () => {
    const stdin = fakeTtyStdin()
    const stderr = stderrBuffer()
    const answer = promptHidden('Token: ', stdin, stderr)
    stdin.write('secrex')
    stdin.write('\u007ft\r')
    expect(await answer).toBe('secret')
    expect(stderr.text).toBe('Token: \n')
    expect(stdin.rawModes).toEqual([true, false])
  })

  it('gives up on Ctrl-C with exit 130', async () => {
    const stdin = fakeTtyStdin()
    const answer = promptHidden('Token: ', stdin, stderrBuffer())
    stdin.write('abc\u0003')
    await expect(answer).rejects.toMatchObject({ exitCode: 130 })
    expect(stdin.rawModes).toEqual([true, false])
  })
})
