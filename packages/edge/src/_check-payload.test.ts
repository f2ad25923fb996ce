import { describe, expect, it } from 'vitest'
import { setup } from './__fixtures__/setup'

describe('the payload shape', () => {
  it.each([
    [[], 'operation'],
    [42, ''],
    [{ input: {} }, 'operation'],
    [{ operation: '', input: {} }, 'operation'],
    [{ operation: 'send_message' }, 'input'],
    [{ operation: 'send_message', input: [] }, 'input'],
    [{ operation: 'send_message', input: {}, authId: 'not-a-uuid' }, 'authId'],
    [{ operation: 'send_message', input: {}, returnOutputSchema: 'yes' }, 'returnOutputSchema'],
  ])('refuses %j, naming %s', async (body, path) => {
    const { mock, call } = setup()
    const response = await call(body)
    expect(response.status).toBe(400)
    const answer = (await response.json()) as { code: string; issues: { path: string }[] }
    expect(answer.code).toBe('invalid_payload')
    expect(answer.issues.map((i) => i.path)).toContain(path)
    expect(mock.calls).toEqual([])
  })

  it('refuses unknown fields instead of dropping them, so a typo cannot run a call without its auth', async () => {
    const { mock, call } = setup()
    const response = await call({
      operation: 'send_message',
      input: { channel: 'C1', text: 'hi' },
      authID: '0b7e8f8e-2d6a-4a36-9a7b-3f1f3c2a9d10',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      code: 'invalid_payload',
      issues: [{ path: 'authID', message: expect.stringMatching(/unknown field.*authId/) }],
    })
    expect(mock.tasks).toBe(0)
  })
})
