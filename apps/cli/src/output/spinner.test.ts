import { describe, expect, it } from 'vitest'
import { until } from '../__fixtures__/cli-runs'
import { withSpinner } from './spinner'

describe('withSpinner', () => {
  it('draws frames while the task runs, then clears its line', async () => {
    const stream = { text: '', write: (chunk: string) => (stream.text += chunk) }
    // The task ends only once a frame was drawn, so the test does not depend on timing.
    const result = await withSpinner(stream, 'Waiting', async () => {
      await until(() => stream.text.includes('Waiting'), 'a frame')
      return 42
    })
    expect(result).toBe(42)
    expect(stream.text).toMatch(/^\r[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Waiting/)
    expect(stream.text.endsWith('\r\u001B[2K')).toBe(true)
  })

  it('writes nothing when the task is done at once', async () => {
    const stream = { text: '', write: (chunk: string) => (stream.text += chunk) }
    await withSpinner(stream, 'Waiting', async () => 1)
    expect(stream.text).toBe('')
  })
})
