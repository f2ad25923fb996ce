import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createMockTray } from '@traykit/testing'
import { listen } from '@traykit/testing/node'
import { afterEach, describe, expect, it } from 'vitest'
import { CLI_PATH, runBuilt, tempHome, until } from '../__fixtures__/cli-runs'

interface Started {
  child: ChildProcess
  output: { stdout: string; stderr: string }
  exited: Promise<number | null>
}

const running: ChildProcess[] = []
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL')
})

/** Starts the built bin's `explore` (never opening a browser) and waits for its first line. */
async function startExplore(args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [CLI_PATH, 'explore', '--no-open', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'pipe',
  })
  running.push(child)
  const output = { stdout: '', stderr: '' }
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  await until(() => output.stdout.includes('\n') || child.exitCode !== null, 'the explorer')
  return { child, output, exited }
}

describe('traykit explore', () => {
  it('serves the page at the printed URL, needs its secret, and stops on Ctrl-C', async () => {
    const { env } = await tempHome()
    const { child, output, exited } = await startExplore(['--mock', '--json'], env)
    const started = JSON.parse(output.stdout) as { url: string; port: number; secret: string }
    expect(started.url).toBe(`http://127.0.0.1:${started.port}/?secret=${started.secret}`)
    expect(started.secret).toMatch(/^[\w-]{43}$/)
    const page = await fetch(started.url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>traykit explore</title>')
    expect((await fetch(`http://127.0.0.1:${started.port}/`)).status).toBe(401)
    const api = `http://127.0.0.1:${started.port}/tray/core/v1/connectors`
    expect((await fetch(api)).status).toBe(401)
    const listed = await fetch(api, { headers: { authorization: `Bearer ${started.secret}` } })
    expect(listed.status).toBe(200)
    child.kill('SIGINT')
    expect(await exited).toBe(0)
  })

  it('makes a new secret each run', async () => {
    const { env } = await tempHome()
    const one = await startExplore(['--mock', '--json'], env)
    const two = await startExplore(['--mock', '--json'], env)
    const secretOf = (s: Started) => (JSON.parse(s.output.stdout) as { secret: string }).secret
    expect(secretOf(one)).not.toBe(secretOf(two))
  })

  it('keeps the token in the process: not printed, not in the page, not in any answer', async () => {
    const token = `tray-${randomBytes(24).toString('base64url')}`
    const mock = createMockTray({ tokens: [token] })
    const server = await listen(mock)
    try {
      const { env } = await tempHome()
      const { child, output, exited } = await startExplore([], {
        ...env,
        TRAY_TOKEN: token,
        TRAY_API_URL: server.url,
      })
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?secret=[\w-]+/.exec(output.stdout)?.[0] ?? ''
      expect(url).not.toBe('')
      const { origin, searchParams } = new URL(url)
      const bearer = { authorization: `Bearer ${searchParams.get('secret')}` }
      const answers = [
        await (await fetch(url)).text(),
        await (await fetch(`${origin}/tray/core/v1/connectors`, { headers: bearer })).text(),
        await (
          await fetch(`${origin}/tray/core/v1/connectors/slack/versions/9.1/call`, {
            method: 'POST',
            headers: { ...bearer, 'content-type': 'application/json' },
            body: JSON.stringify({
              operation: 'send_message',
              input: { channel: 'C1', text: 'hi' },
            }),
          })
        ).text(),
      ]
      expect(answers[1]).toContain('"slack"')
      expect(mock.tasks).toBe(1)
      child.kill('SIGINT')
      expect(await exited).toBe(0)
      for (const text of [...answers, output.stdout, output.stderr])
        expect(text).not.toContain(token)
    } finally {
      await server.close()
    }
  })

  it('says how to get a token when there is none (exit 3), and refuses a bad --port (exit 2)', async () => {
    const { env } = await tempHome()
    const none = await runBuilt(['explore', '--no-open'], { env })
    expect(none.code).toBe(3)
    expect(none.stderr).toContain('--mock')
    const port = await runBuilt(['explore', '--mock', '--no-open', '--port', 'x'], { env })
    expect(port.code).toBe(2)
    expect(port.stderr).toContain('--port must be a port number')
  })
})
