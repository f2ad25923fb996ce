import { describe, expect, it } from 'vitest'
import { TrayValidationError } from '../errors/tray-validation-error'
import slack from './__fixtures__/slack-operations.json'
import { assertValidInput } from './assert-valid-input'

const sendMessage = slack.elements[0]!

describe('assertValidInput', () => {
  it('passes a valid input', () => {
    expect(() =>
      assertValidInput(sendMessage, { channel_id: 'C1', message: 'hi', time: 'now' }, 'slack@9.0'),
    ).not.toThrow()
  })

  it('throws the issues with paths under input., saying nothing was sent', () => {
    const error = (() => {
      try {
        assertValidInput(sendMessage, { message: 'hi', time: 'now' }, 'slack@9.0')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(TrayValidationError)
    expect((error as Error).message).toMatch(
      /^Input for slack@9.0 send_message is invalid; nothing was sent/,
    )
    expect((error as TrayValidationError).issues).toEqual([
      { path: 'input.channel_id', message: 'channel_id is required' },
    ])
  })

  it('names the input itself when it is not an object', () => {
    expect(() => assertValidInput(sendMessage, 'hi', 'slack@9.0')).toThrow(TrayValidationError)
  })
})
