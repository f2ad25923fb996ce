import { useMockTray } from '@traykit/testing/vitest'
import { beforeEach, describe, expect, it } from 'vitest'
import { type CliResult, runInProcess, tempHome } from '../__fixtures__/cli-runs'

const MASTER = 'tk_master_S3CRET_abcdefghijklmnop'
const tray = useMockTray({ listen: true, tokens: [MASTER] })

describe('traykit users', () => {
  let env: Record<string, string>
  beforeEach(async () => {
    ;({ env } = await tempHome())
  })
  const run = (args: string[], extra: Record<string, string> = {}, tty = false) =>
    runInProcess(['users', ...args], {
      env: { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: MASTER, ...extra },
      tty,
    })
  const issued = () => [...(tray.mock as unknown as { calls: { operation?: string }[] }).calls]
  const noSecret = (result: CliResult, ...secrets: string[]) => {
    for (const secret of [MASTER, ...secrets]) {
      expect(result.stdout).not.toContain(secret)
      expect(result.stderr).not.toContain(secret)
      expect(result.stdout).not.toContain(secret.slice(0, 12))
    }
  }

  it('creates, finds again and lists users as JSON', async () => {
    const created = await run(['create', 'alice', '--name', 'Alice', '--json'])
    expect(created.code).toBe(0)
    const alice = JSON.parse(created.stdout)
    expect(alice).toEqual({
      userId: expect.any(String),
      name: 'Alice',
      externalUserId: 'alice',
      isTestUser: false,
    })
    const again = await run(['create', 'alice', '--name', 'Alice', '--json'])
    expect(JSON.parse(again.stdout).userId).toBe(alice.userId)
    await run(['create', 'bob', '--name', 'Bob', '--test'])
    const listed = await run(['list', '--json'])
    expect(listed.code).toBe(0)
    expect(
      JSON.parse(listed.stdout).elements.map((u: { externalUserId: string }) => u.externalUserId),
    ).toEqual(['alice', 'bob'])
    const tests = await run(['list', '--test', '--json'])
    expect(JSON.parse(tests.stdout).elements).toHaveLength(1)
    noSecret(listed)
  })

  it('token prints a masked token and its expiry unless --show-token; then the token and a warning', async () => {
    await run(['create', 'alice', '--name', 'Alice'])
    const masked = await run(['token', 'alice', '--json'])
    expect(masked.code).toBe(0)
    const body = JSON.parse(masked.stdout)
    expect(body).toEqual({
      externalUserId: 'alice',
      token: expect.stringContaining('…'),
      expiresAt: expect.any(String),
    })
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(47 * 3_600_000)

    const shown = await run(['token', 'alice', '--show-token'], {}, true)
    expect(shown.code).toBe(0)
    const token = shown.stdout.trim()
    expect(token).toMatch(/^mock-user-[0-9a-f]{48}$/)
    expect(shown.stderr).toMatch(/warning: this prints a user token/)
    expect(masked.stdout).not.toContain(token)
    const people = await run(['token', 'alice'], {}, true)
    expect(people.stdout).toMatch(/^User token mock…\w*, valid until about \d{4}-/)
    noSecret(people, token)
    const shownJson = await run(['token', 'alice', '--show-token', '--json'])
    expect(JSON.parse(shownJson.stdout).token).toMatch(/^mock-user-/)
    noSecret(shown)
    // The token works as the user.
    const connectors = await runInProcess(['connectors', '--json'], {
      env: { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: token },
    })
    expect(connectors.code).toBe(0)
    expect(issued().filter((c) => c.operation === 'authorize')).toHaveLength(4)
  })

  it('fails with the usual exit codes: unknown user 1, missing name 2, rejected token 3', async () => {
    const unknown = await run(['token', 'ghost', '--json'])
    expect(unknown.code).toBe(1)
    expect(JSON.parse(unknown.stderr).error.message).toMatch(/users\.ensure\(\)|no user/)
    expect((await run(['create', 'carol'])).code).toBe(2)
    const rejected = await run(['list'], { TRAY_TOKEN: 'another-token-entirely' })
    expect(rejected.code).toBe(3)
    noSecret(rejected, 'another-token-entirely')
  })

  it('works against the built-in mock', async () => {
    const result = await runInProcess(
      ['users', 'create', 'alice', '--name', 'Alice', '--mock', '--json'],
      { env },
    )
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).externalUserId).toBe('alice')
  })
})
