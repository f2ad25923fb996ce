import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { useMockTray } from '@traykit/testing/vitest'
import { beforeEach, describe, expect, it } from 'vitest'
import { runInProcess, tempHome } from '../__fixtures__/cli-runs'
import { setFlags } from '../__fixtures__/set-flags'

const TOKEN = 'tk_live_GENERATE_S3CRET_abcdefgh'

const tray = useMockTray({ listen: true, tokens: [TOKEN] })

let env: Record<string, string>
let home: string

beforeEach(async () => {
  ;({ home, env } = await tempHome())
})

const run = (args: string[]) => runInProcess(args, { env, cwd: home })

describe('traykit generate types', () => {
  it('writes the module of the versions named to --out, pinned', async () => {
    const result = await run([
      '--mock',
      'generate',
      'types',
      'slack@9.0',
      'twilio-output',
      '--out',
      'tray-types.ts',
    ])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      connectors: ['slack@9.0', 'twilio-output@2.1'],
      operations: 5,
      notes: [],
      out: join(home, 'tray-types.ts'),
    })
    const source = await readFile(join(home, 'tray-types.ts'), 'utf8')
    // The latest version of a bare name is written into the file, so regenerating pins it.
    expect(source).toContain('regenerate with `traykit generate types slack@9.0 twilio-output@2.1`')
    expect(source).toContain('export interface SlackV9_0SendMessageInput {')
    expect(source).toContain('export interface TwilioOutputV2_1SendSmsOutput {')
    expect(source).toContain("declare module '@traykit/core' {")
    expect(source).toContain("'slack@9.0': {")
    expect(source).not.toContain('slack@9.1')
    expect((await stat(join(home, 'tray-types.ts'))).mode & 0o777).toBe(0o644)
  })

  it('prints the module on stdout without --out, and the same bytes every time', async () => {
    const first = await run(['--mock', 'generate', 'types', '--all', '--all-versions'])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/^\/\/ Tray operation types/)
    for (const ref of [
      'google-sheets@8.2',
      'salesforce@8.6',
      'shopify@4.1',
      'slack@9.0',
      'slack@9.1',
    ]) {
      expect(first.stdout).toContain(`'${ref}': {`)
    }
    const second = await run(['--mock', 'generate', 'types', '--all', '--all-versions'])
    expect(second.stdout).toBe(first.stdout)
    // --all alone takes the latest version of each connector.
    const latest = await run(['--mock', 'generate', 'types', '--all', '--json'])
    expect(JSON.parse(latest.stdout).connectors).not.toContain('slack@9.0')
    expect(JSON.parse(latest.stdout).source).toContain("'slack@9.1': {")
  })

  it('refuses an unknown connector with the nearest name, leaving --out as it was', async () => {
    await writeFile(join(home, 'tray-types.ts'), '// kept\n')
    const result = await run(['--mock', 'generate', 'types', 'slak', '--out', 'tray-types.ts'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stderr).error.message).toBe(
      'No connector named "slak" (404). Did you mean "slack"?',
    )
    const version = await run(['--mock', 'generate', 'types', 'slack@9.2'])
    expect(version.code).toBe(1)
    expect(version.stderr).toContain('Did you mean \\"9.1\\"?')
    expect(await readFile(join(home, 'tray-types.ts'), 'utf8')).toBe('// kept\n')
  })

  it('is a usage error without connectors or with a malformed one (exit 2)', async () => {
    const none = await run(['--mock', 'generate', 'types'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Name the connectors to type')
    const bad = await run(['--mock', 'generate', 'types', 'slack@'])
    expect(bad.code).toBe(2)
    const versions = await run(['--mock', 'generate', 'types', 'slack', '--all-versions'])
    expect(versions.code).toBe(2)
  })

  it('reads the catalog of the configured server with the token, and never prints it', async () => {
    const result = await runInProcess(
      ['generate', 'types', 'shopify', '--json', '--out', 'shopify.ts'],
      { env: { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN }, cwd: home },
    )
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).connectors).toEqual(['shopify@4.1'])
    const source = await readFile(join(home, 'shopify.ts'), 'utf8')
    for (const text of [result.stdout, result.stderr, source]) expect(text).not.toContain(TOKEN)
    const rejected = await runInProcess(['generate', 'types', 'shopify'], {
      env: { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: `${TOKEN}x` },
      cwd: home,
    })
    expect(rejected.code).toBe(3)
    expect(rejected.stderr).not.toContain(TOKEN)
  })

  it('names the types describe and call print, as the generated file declares them', async () => {
    const described = await run(['--mock', 'describe', 'google-sheets', 'create_row', '--json'])
    const { types } = JSON.parse(described.stdout)
    expect(types).toEqual({
      input: 'GoogleSheetsV8_2CreateRowInput',
      output: 'GoogleSheetsV8_2CreateRowOutput',
    })
    const source = (await run(['--mock', 'generate', 'types', 'google-sheets'])).stdout
    expect(source).toContain(`export interface ${types.input} {`)
    expect(source).toContain(`export interface ${types.output} {`)
    const person = await runInProcess(['--mock', 'describe', 'google-sheets', 'create_row'], {
      env,
      tty: true,
    })
    expect(person.stdout).toContain(
      'Types: GoogleSheetsV8_2CreateRowInput, GoogleSheetsV8_2CreateRowOutput (traykit generate types google-sheets@8.2)',
    )
    const call = await runInProcess(
      [
        '--mock',
        'call',
        'slack',
        'send_message',
        ...setFlags('channel=C1', 'text=hi'),
        '--dry-run',
      ],
      { env, tty: true },
    )
    expect(call.code).toBe(0)
    expect(call.stderr).toContain(
      'TypeScript types: SlackV9_1SendMessageInput → SlackV9_1SendMessageOutput (traykit generate types slack@9.1)',
    )
  })
})
