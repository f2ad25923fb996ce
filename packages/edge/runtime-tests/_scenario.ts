import { createTrayClient, TrayAuthenticationError, TrayPermissionError } from '@traykit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_TOKEN, SESSION } from './_fixture-app'

/** A running fixture app: its origin, and a fetch that reaches it. */
export interface RunningFixture {
  url: string
  fetch: typeof fetch
  stop(): Promise<void>
}

/**
 * The behaviour every runtime must show, checked from the outside: the core client as a
 * browser uses it, the refusals, what was billed, and that the token never comes back.
 */
export function describeRuntime(
  name: string,
  start: () => Promise<RunningFixture>,
  more?: (fixture: () => RunningFixture) => void,
): void {
  describe(`the handler on ${name}`, () => {
    let fixture: RunningFixture
    const answers: string[] = []

    /** Fetches from the fixture, keeping every answer for the token check. */
    const record: typeof fetch = async (input, init) => {
      const response = await fixture.fetch(input, init)
      const text = await response.clone().text()
      answers.push(`${[...response.headers].join('\n')}\n${text}`)
      return response
    }
    const upstream = async () =>
      (await (await fixture.fetch(`${fixture.url}/__mock`)).json()) as {
        tasks: number
        requests: number
      }
    const tasks = async () => (await upstream()).tasks
    // No session: token null, the handler holds the Tray token (core refuses an explicit undefined).
    const client = (token?: string) =>
      createTrayClient({
        baseUrl: `${fixture.url}/tray`,
        fetch: record,
        token: token ?? null,
        maxRetries: 0,
      })
    const browser = () => client(SESSION.replace('Bearer ', ''))
    /** A signed-in browser of the end user `user`, for the authentication routes. */
    const userBrowser = (user: string) =>
      createTrayClient({
        baseUrl: `${fixture.url}/tray`,
        fetch: record,
        token: SESSION.replace('Bearer ', ''),
        headers: { 'x-user': user },
        maxRetries: 0,
      })

    beforeAll(async () => {
      fixture = await start()
    })
    afterAll(async () => {
      await fixture?.stop()
    })

    it('lists connectors and operations for a signed-in browser', async () => {
      const connectors = await browser().listConnectors()
      expect(connectors).toContainEqual(expect.objectContaining({ name: 'slack', version: '9.1' }))
      const operations = await browser().listOperations('slack', '9.1')
      expect(operations.map((op) => op.name)).toContain('send_message')
    })

    it('forwards a valid call once, with the token redacted from what the upstream echoed', async () => {
      const before = await tasks()
      const output = await browser().callConnector('slack', '9.1', {
        operation: 'send_message',
        input: { channel: 'C0123', text: 'Hello' },
      })
      expect(output).toEqual({ ok: true, channel: 'C0123', seenAuthorization: 'Bearer [redacted]' })
      expect(await tasks()).toBe(before + 1)
    })

    it('refuses an invalid call with 400 and its issues, billing nothing', async () => {
      const before = await tasks()
      const response = await record(
        `${fixture.url}/tray/core/v1/connectors/slack/versions/9.1/call`,
        {
          method: 'POST',
          headers: { authorization: SESSION, 'content-type': 'application/json' },
          body: JSON.stringify({ operation: 'send_message', input: { channel: 'C0123' } }),
        },
      )
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'input.text' }],
      })
      expect(response.headers.get('x-request-id')).toBeTruthy()
      expect(await tasks()).toBe(before)
    })

    it('refuses an operation that is not allowed with 403, and a stranger with 401', async () => {
      const before = await tasks()
      const ddl = { operation: 'list_channels_ddl', input: { workspace_id: 'W1' } }
      await expect(browser().callConnector('slack', '9.1', ddl)).rejects.toBeInstanceOf(
        TrayPermissionError,
      )
      await expect(client().listConnectors()).rejects.toBeInstanceOf(TrayAuthenticationError)
      expect(await tasks()).toBe(before)
    })

    it('refuses a chunked body past the limit with 413', async () => {
      const chunk = new TextEncoder().encode(
        `{"operation":"send_message","input":{"text":"${'x'.repeat(64 * 1024)}`,
      )
      let sent = 0
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          // 2 MiB in all, never announced in a Content-Length.
          if (sent >= 32) return controller.close()
          sent++
          controller.enqueue(chunk)
        },
      })
      const response = await record(
        `${fixture.url}/tray/core/v1/connectors/slack/versions/9.1/call`,
        {
          method: 'POST',
          headers: { authorization: SESSION, 'content-type': 'application/json' },
          body,
          duplex: 'half',
        } as RequestInit,
      )
      expect(response.status).toBe(413)
    })

    it('keeps the token out of an upstream error that echoes it', async () => {
      const response = await record(
        `${fixture.url}/tray/core/v1/connectors/shopify/versions/4.1/operations`,
        {
          headers: { authorization: SESSION },
        },
      )
      expect(response.status).toBe(500)
      expect(await response.json()).toEqual({
        message: 'Upstream rejected Authorization: Bearer [redacted]',
        code: null,
      })
    })

    it('answers 502 to a redirect from Tray, and follows none', async () => {
      const response = await record(
        `${fixture.url}/tray/core/v1/connectors/twilio-output/versions/2.1/operations`,
        { headers: { authorization: SESSION } },
      )
      expect(response.status).toBe(502)
      expect(await response.json()).toEqual({
        message: 'Tray answered with a redirect, which is not followed',
        code: 'upstream_redirect',
      })
    })

    it("lists environments, and keeps each user's authentication to its owner", async () => {
      const alice = userBrowser('alice')
      const [environment] = await alice.listServiceEnvironments('slack', 4)
      expect(environment?.id).toBeTruthy()
      const { id } = await alice.createAuthentication({
        name: 'Alice on Slack',
        serviceEnvironmentId: environment?.id ?? '',
        credentials: { access_token: 'xoxb-alice' },
      })
      expect(await alice.getAuthentication(id)).toMatchObject({ id, name: 'Alice on Slack' })
      const before = await upstream()
      const bob = userBrowser('bob')
      const call = {
        operation: 'send_message',
        input: { channel: 'C0123', text: 'Hi' },
        authId: id,
      }
      await expect(bob.callConnector('slack', '9.1', call)).rejects.toMatchObject({
        status: 403,
        code: 'authentication_not_owned',
      })
      await expect(bob.getAuthentication(id)).rejects.toMatchObject({ status: 404 })
      await expect(bob.deleteAuthentication(id)).rejects.toMatchObject({ status: 404 })
      // None of Bob's requests reached Tray, and nothing was billed.
      expect(await upstream()).toEqual(before)
      await alice.deleteAuthentication(id)
    })

    it('answers an unknown path under its prefix with a JSON 404', async () => {
      const response = await record(`${fixture.url}/tray/core/v1/nothing-here`, {
        headers: { authorization: SESSION },
      })
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ code: 'not_found' })
    })

    it('never showed the token in any answer', () => {
      expect(answers.length).toBeGreaterThan(5)
      for (const answer of answers) expect(answer).not.toContain(FIXTURE_TOKEN)
    })

    more?.(() => fixture)
  })
}
