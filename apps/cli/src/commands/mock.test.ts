import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { defaultCatalog } from '@traykit/testing'
import { describe, expect, it } from 'vitest'
import {
  CLI_PATH,
  runBuilt,
  runInProcess,
  startInProcess,
  tempHome,
  until,
} from '../__fixtures__/cli-runs'

/** A `shutdown` for `startInProcess`, and `stop`, which resolves it as a signal would. */
function shutdownSignal(): { shutdown: Promise<string>; stop: (signal: string) => void } {
  let stop: (signal: string) => void = () => {}
  const shutdown = new Promise<string>((resolve) => {
    stop = resolve
  })
  return { shutdown, stop }
}

describe('traykit mock', () => {
  it('serves the mock over HTTP with a token to use, until asked to stop', async () => {
    const { env } = await tempHome()
    const { shutdown, stop } = shutdownSignal()
    const run = startInProcess(['mock'], { env, tty: true, shutdown })
    await until(() => run.output.stdout.includes('TRAY_TOKEN='), 'the mock to listen')
    const url = /TRAY_API_URL=(\S+)/.exec(run.output.stdout)![1]!
    const token = /TRAY_TOKEN=(\S+)/.exec(run.output.stdout)![1]!

    const listed = await runInProcess(['connectors'], {
      env: { ...env, TRAY_API_URL: url, TRAY_TOKEN: token },
    })
    expect(listed.code).toBe(0)
    const wrong = await runInProcess(['connectors'], {
      env: { ...env, TRAY_API_URL: url, TRAY_TOKEN: 'another' },
    })
    expect(wrong.code).toBe(3)

    stop('SIGINT')
    expect((await run.done).code).toBe(0)
    await expect(fetch(`${url}/core/v1/connectors`)).rejects.toThrow()
  })

  it('serves a catalog file, and names what is wrong in a broken one (exit 2)', async () => {
    const { home, env } = await tempHome()
    const twilioOnly = {
      connectors: defaultCatalog.connectors.filter((c) => c.name === 'twilio-output'),
    }
    await writeFile(join(home, 'catalog.json'), JSON.stringify(twilioOnly))
    const { shutdown, stop } = shutdownSignal()
    const run = startInProcess(['mock', '--catalog', 'catalog.json', '--json'], {
      env,
      cwd: home,
      shutdown,
    })
    await until(() => run.output.stdout.includes('\n'), 'the mock to listen')
    const started = JSON.parse(run.output.stdout) as { url: string; token: string; authId: string }
    const listed = await runInProcess(['connectors', '--api-url', started.url], {
      env: { ...env, TRAY_TOKEN: started.token },
    })
    expect(
      (JSON.parse(listed.stdout) as { elements: { name: string }[] }).elements.map((c) => c.name),
    ).toEqual(['twilio-output'])
    stop('SIGTERM')
    expect((await run.done).code).toBe(0)

    await writeFile(join(home, 'broken.json'), JSON.stringify({ connectors: [{ name: 'x' }] }))
    const broken = await runInProcess(['mock', '--catalog', 'broken.json'], {
      env,
      cwd: home,
      tty: true,
    })
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('--catalog broken.json: Invalid mock catalog')
    expect(broken.stderr).toContain('connectors[0](x).version')
    const missing = await runInProcess(['mock', '--catalog', 'nope.json'], {
      env,
      cwd: home,
      tty: true,
    })
    expect(missing.stderr).toContain('Cannot read --catalog file nope.json: ENOENT')
    expect((await runInProcess(['mock', '--port', 'eighty'], { env, tty: true })).code).toBe(2)
  })

  it('names a port in use and says what to do (exit 2)', async () => {
    const { env } = await tempHome()
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const { port } = busy.address() as { port: number }
    try {
      const result = await runInProcess(['mock', '--port', String(port)], { env, stderrTty: true })
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(
        `error: Cannot serve the mock: port ${port} on 127.0.0.1 is already in use (another \`traykit mock\`?). ` +
          'Stop what listens there, choose another --port, or leave --port out to get a free one.\n',
      )
      const script = await runInProcess(['mock', '--port', String(port), '--json'], { env })
      expect(JSON.parse(script.stderr).error.type).toBe('usage_error')
    } finally {
      await new Promise((resolve) => busy.close(resolve))
    }
  })

  it('runs as the built bin, serves other processes and closes cleanly on SIGINT', async () => {
    const { env } = await tempHome()
    const child = spawn(process.execPath, [CLI_PATH, 'mock', '--json'], {
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    await until(() => stdout.includes('\n'), 'the mock to listen')
    const { url, token, authId } = JSON.parse(stdout) as {
      url: string
      token: string
      authId: string
    }

    const lookup = await runBuilt(
      [
        'lookup',
        'slack',
        'send_message',
        'channel',
        '--set',
        'workspace_id=T000GLOBEX',
        '--auth-id',
        authId,
      ],
      { env: { ...env, TRAY_API_URL: url, TRAY_TOKEN: token } },
    )
    expect(JSON.parse(lookup.stdout)).toEqual({
      result: [{ text: '#announcements', value: 'C000ANNOUNCE' }],
    })

    child.kill('SIGINT')
    expect(await exited).toBe(0)
  })
})
