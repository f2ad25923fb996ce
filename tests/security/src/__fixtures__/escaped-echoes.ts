import type { FailOptions } from '@traykit/testing'

/**
 * How an upstream may spell the token it echoes inside a JSON string. JSON lets any character
 * be written `\uXXXX` and `/` be written `\/`; a parser gives back the token, a redactor that
 * only looks at the raw text sees neither.
 */
export const SPELLINGS = {
  'every character \\uXXXX': (token: string) => [...token].map((c) => unicodeEscape(c)).join(''),
  'upper-case hex, every other character': (token: string) =>
    [...token].map((c, i) => (i % 2 === 0 ? unicodeEscape(c, true) : c)).join(''),
  '\\/ and \\u002B': (token: string) => token.replaceAll('/', '\\/').replaceAll('+', '\\u002B'),
} as const

/** A name of one of SPELLINGS. */
export type Spelling = keyof typeof SPELLINGS

/** `\u0074`, or `\u004A` in upper-case hex: JSON accepts both. */
function unicodeEscape(c: string, upper = false): string {
  const hex = c.charCodeAt(0).toString(16).padStart(4, '0')
  return `\\u${upper ? hex.toUpperCase() : hex}`
}

/**
 * Characters before the echoed token. Tray's messages are quoted up to 500 characters: with
 * 460 to 495 before it, the cut falls before, inside and just after the token, leaving every
 * length of its prefix.
 */
export const PADDINGS = [460, 470, 478, 484, 490, 495] as const

/** Text this long, readable in a report: `padding padding …`. */
export function padding(length: number): string {
  return 'padding '.repeat(Math.ceil(length / 8)).slice(0, length)
}

/** A JSON string's content (without quotes), the token spelled as given: raw, as a server writes it. */
export function echoText(token: string, spelling: Spelling, pad: number): string {
  // The space is the padding's last character: `Bearer` starts at `pad`.
  return `${padding(pad - 1)} Bearer ${SPELLINGS[spelling](token)} was refused`
}

/** Tray-shaped `{ message, code }` body text whose message echoes the token, escaped. */
export function escapedBody(token: string, spelling: Spelling, pad: number): string {
  return `{"message":"${echoText(token, spelling, pad)}","code":null}`
}

/** Tray's own input-validation 400, an item quoting the token escaped: core reads its issues. */
export function escapedValidationBody(token: string, spelling: Spelling, pad: number): string {
  const item = `1 - #/text: ${echoText(token, spelling, pad)}`
  return `{"message":"Connector input validation failed. Schema validation errors: [ ${item} ]","code":null}`
}

/** A third party's failure (outcome "error") whose message and body quote the token, escaped. */
export function escapedConnectorFailure(token: string, spelling: Spelling, pad: number): string {
  const text = echoText(token, spelling, pad)
  return (
    `{"outcome":"error","output":{"message":"${text}",` +
    `"response":{"statusCode":401,"body":{"error":"${text}"}},"expects":{"statusCode":[200]}}}`
  )
}

/** The token cut in two halves, each quoted in a field of its own. */
export function splitBody(token: string): string {
  const half = Math.ceil(token.length / 2)
  return JSON.stringify({
    message: `Refused the token starting ${token.slice(0, half)}`,
    detail: `and ending ${token.slice(half)}`,
  })
}

/** Request ids that quote the token: plainly, after padding (a cut falls inside), and escaped. */
export function echoingRequestIds(token: string): string[] {
  return [
    `Bearer ${token}`,
    `${padding(180)}Bearer ${token}`,
    `${padding(490)}Bearer ${token}`,
    `req-1 Bearer ${SPELLINGS['every character \\uXXXX'](token)}`,
    `req-2 ${encodeURIComponent(token)}`,
  ]
}

/** One upstream failure the scan sends through every entry point. */
export interface EchoCase {
  what: string
  /** The route it fails: a read (`connectors`) or a call (`call`). */
  route: 'connectors' | 'call'
  fault: FailOptions
}

/** Every echo: each spelling at each padding, on a read and a call, split, and in request ids. */
export function echoCases(token: string): EchoCase[] {
  const cases: EchoCase[] = []
  const json = { 'content-type': 'application/json' }
  for (const spelling of Object.keys(SPELLINGS) as Spelling[]) {
    for (const pad of PADDINGS) {
      cases.push({
        what: `a 400 echoing the token (${spelling}) after ${pad} characters`,
        route: 'call',
        fault: { status: 400, body: escapedBody(token, spelling, pad), headers: json },
      })
      cases.push({
        what: `a 500 echoing the token (${spelling}) after ${pad} characters`,
        route: 'connectors',
        fault: { status: 500, body: escapedBody(token, spelling, pad), headers: json },
      })
    }
    cases.push({
      what: `Tray's validation 400 quoting the token (${spelling}) in an item`,
      route: 'call',
      fault: { status: 400, body: escapedValidationBody(token, spelling, 470), headers: json },
    })
    cases.push({
      what: `a third party failing with the token (${spelling}) in its message`,
      route: 'call',
      fault: { status: 200, body: escapedConnectorFailure(token, spelling, 470), headers: json },
    })
  }
  cases.push({
    what: 'a 400 quoting the token in two halves',
    route: 'call',
    fault: { status: 400, body: splitBody(token), headers: json },
  })
  for (const [i, id] of echoingRequestIds(token).entries()) {
    cases.push({
      what: `a 503 whose request id quotes the token (${i + 1})`,
      route: 'connectors',
      fault: { status: 503, headers: { ...json, 'x-request-id': id } },
    })
  }
  return cases
}
