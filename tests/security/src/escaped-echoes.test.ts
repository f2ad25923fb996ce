import { beforeAll, describe, expect, it } from 'vitest'
import type { Captures } from './__fixtures__/capture'
import {
  collectEscapedEchoOutputs,
  type EchoOutputs,
} from './__fixtures__/collect-escaped-echo-outputs'
import {
  type EchoCase,
  echoingRequestIds,
  escapedBody,
  SPELLINGS,
} from './__fixtures__/escaped-echoes'
import { type Capture, findLeaks, SLASH_TOKEN, TOKEN } from './__fixtures__/secret-token'

// An upstream that echoes the token the way real servers do: JSON-escaped (`\u0074…`, `\/`,
// `\u002B`), after ~460 characters so that a 500-character cut falls inside it, in two halves,
// and in a request id. Every entry point must show none of it, in any spelling or in part.

const TOKENS = { TOKEN, SLASH_TOKEN } as const

/** The bin is slow to start: it runs the cases where the cut falls inside the token, and a few more. */
const onTheCli = (c: EchoCase) =>
  /after 478 characters|validation 400|third party failing with the token \(every|two halves|request id quotes the token \((2|3|4)\)/.test(
    c.what,
  )

const outputs: Partial<Record<keyof typeof TOKENS, EchoOutputs>> = {}

beforeAll(async () => {
  for (const [name, token] of Object.entries(TOKENS) as [keyof typeof TOKENS, string][]) {
    outputs[name] = await collectEscapedEchoOutputs(token, onTheCli)
  }
  // Dozens of CLI processes one after the other, while CI runs every package's tests at once
  // on two cores: the bound only catches a hang.
}, 240_000)

const sources = ['core', 'edge', 'cli'] as const

describe('the scan itself', () => {
  it.each(Object.entries(TOKENS))('finds %s escaped, cut and split', (_, token) => {
    const planted = [
      ...Object.values(SPELLINGS).map((spell) => `Bearer ${spell(token)}`),
      // Escaped once more, as when the escaped echo is quoted inside a JSON answer.
      JSON.stringify(`Bearer ${SPELLINGS['every character \\uXXXX'](token)}`),
      // What a 500-character cut of the padded echo leaves: all but the token's last character.
      JSON.parse(escapedBody(token, 'every character \\uXXXX', 475)).message.slice(0, 500),
      `…${token.slice(-10)}`,
      encodeURIComponent(token),
      token.replaceAll('/', '&#x2F;').replaceAll('+', '&#43;'),
      ...echoingRequestIds(token),
    ].map((text, i): Capture => ({ source: 'core', what: `planted ${i}`, text }))
    expect(findLeaks(planted, token).map((leak) => leak.what)).toEqual(planted.map((p) => p.what))
  })

  it('lets a text without the token through', () => {
    const text = `${'padding '.repeat(60)} Bearer [redacted] \\u0074\\u0072 tray SECRET`
    expect(findLeaks([{ source: 'edge', what: 'clean', text }], SLASH_TOKEN)).toEqual([])
  })
})

describe.each(Object.keys(TOKENS) as (keyof typeof TOKENS)[])('an upstream echoing %s', (name) => {
  const get = () => outputs[name] as EchoOutputs

  it('every case ended in a failure the user sees, with the upstream words in core', () => {
    expect(get().unexpected).toEqual([])
    expect(get().unseen).toEqual([])
    expect(get().cli.list.length).toBeGreaterThan(10)
  })

  it.each(sources)('%s shows no form of the token', (source) => {
    const captures: Captures = get()[source]
    const leaks = findLeaks(captures.list, TOKENS[name])
    expect(leaks.map((leak) => `${leak.what}: ${leak.form} in "${leak.context}"`)).toEqual([])
  })
})
