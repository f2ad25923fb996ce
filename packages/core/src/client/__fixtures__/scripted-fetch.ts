// The client reaches its error path, its response shapes and its payload check through
// import(), so that bundlers split them out of a page's first download. Tests that drive fake
// timers run no real I/O between two timers, so a first load there would never finish in time:
// these modules are loaded up front, as a page has them by the time it needs them. The cold
// path has its own test (lazy-modules.test.ts).
import '../_failures'
import '../_limiter-queue'
import '../_shapes'
import '../_validator'
import '../parse-call-payload'

/** One answer of the scripted server, or what goes wrong instead. */
export type Step =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { networkError: string; afterSend?: boolean }
  | { stall: 'headers' | 'body' }

export interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

/**
 * A fetch that answers from a script, one step per request, and records every request:
 * a local stand-in for Tray in core's unit tests. The last step repeats when the script ends.
 */
export function scriptedFetch(...steps: Step[]) {
  const requests: RecordedRequest[] = []
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init.headers).entries())
    requests.push({
      method: init.method ?? 'GET',
      url: String(input),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    })
    const step = steps[Math.min(requests.length - 1, steps.length - 1)]
    if (!step) throw new Error('scriptedFetch: no steps')
    if ('networkError' in step) {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: step.networkError } })
    }
    if ('stall' in step && step.stall === 'headers') {
      return new Promise<Response>(() => {})
    }
    if ('stall' in step) {
      // Headers arrive, then the body never finishes.
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"elements":'))
        },
      })
      return new Response(stream, { status: 200 })
    }
    const body =
      step.body === undefined
        ? null
        : typeof step.body === 'string'
          ? step.body
          : JSON.stringify(step.body)
    return new Response(body, { status: step.status, headers: step.headers })
  }
  return { fetch, requests }
}

export const SLACK_9_0 = {
  name: 'slack',
  version: '9.0',
  title: 'Slack',
  description: 'Slack connector',
  service: { id: '3e21b055-1597-40ae-bcc2-72af0843b283', name: 'slack', version: 4 },
}

export const CONNECTORS = {
  elements: [
    SLACK_9_0,
    { ...SLACK_9_0, version: '10.0' },
    { ...SLACK_9_0, version: '9.1' },
    {
      name: 'twilio-output',
      version: '2.1',
      title: 'Twilio',
      description: 'Cloud communication platform for developers',
      service: { id: '55d1154c-4fd8-4c2c-ba22-041deabfcbfd', name: 'twilio', version: 1 },
    },
  ],
}

export const SEND_MESSAGE = {
  name: 'send_message',
  title: 'Send Message',
  description: 'Send a message to a user or channel.',
  hasDynamicOutput: false,
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['channel_id', 'message'],
    properties: {
      channel_id: { type: 'string', title: 'Channel' },
      message: { type: 'string', title: 'Message' },
    },
  },
  outputSchema: { type: 'object' },
}

export const OPERATIONS = { elements: [SEND_MESSAGE] }

export const TOKEN = 'tok_live_5f3a9c1e7b2d4f6a8c0e'
export const AUTH_ID = 'fe6ce53d-b414-4f24-b0d5-16a0a75544a0'
