import { execFileSync } from 'node:child_process'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { useMockTray } from '@traykit/testing/vitest'
import { describe, expect, it } from 'vitest'
import { CLI_PATH, runInProcess, tempHome } from '../__fixtures__/cli-runs'
import { saveConfig } from '../config/config-file'

async function script(shell: string): Promise<string> {
  const result = await runInProcess(['completion', shell])
  expect(result.code).toBe(0)
  return result.stdout
}

/** What bash completes for a command line typed so far (the last word being completed). */
function completeInBash(
  code: string,
  words: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): string[] {
  // \`traykit\` is the built bin, as a shell that installed it would run it.
  const bin = `traykit() { ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_PATH)} "$@"; }`
  const program = `${bin}\n${code}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _traykit_completion; printf '%s\\n' "\${COMPREPLY[@]}"`
  return execFileSync('bash', ['-c', program], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...options.env },
    cwd: options.cwd,
  })
    .split('\n')
    .filter(Boolean)
}

describe('traykit completion', () => {
  it('completes commands, subcommands, flags and regions in bash', async () => {
    const bash = await script('bash')
    expect(completeInBash(bash, ['traykit', 'con'])).toEqual(['connectors'])
    expect(completeInBash(bash, ['traykit', 'auth', 'log'])).toEqual(['login', 'logout'])
    expect(completeInBash(bash, ['traykit', '--json', 'call', 'slack', '--dr'])).toEqual([
      '--dry-run',
    ])
    expect(completeInBash(bash, ['traykit', '--region', 'eu1', 'connectors', '--all'])).toEqual([
      '--all-versions',
    ])
    expect(completeInBash(bash, ['traykit', 'connectors', '--region', ''])).toEqual([
      'us',
      'eu1',
      'ap1',
    ])
  })

  it('gives zsh the same function through bashcompinit, and fish its own rules', async () => {
    expect(await script('zsh')).toContain('autoload -U +X bashcompinit && bashcompinit')
    const fish = await script('fish')
    expect(fish).toContain(
      "complete -c traykit -n '__fish_use_subcommand' -a connectors -d 'List connectors (the latest version of each)'",
    )
    expect(fish).toContain(
      "-n '__fish_seen_subcommand_from auth; and not __fish_seen_subcommand_from login status logout' -a login",
    )
    expect(fish).toContain(
      "-n '__fish_seen_subcommand_from call' -l input -x -a '(__traykit_at_files)'",
    )
    expect(fish).toContain("-n '__fish_seen_subcommand_from mock' -l catalog -r -F")
    expect(fish).toContain(
      "complete -c traykit -n '__fish_seen_subcommand_from call' -a '(__traykit_names)'",
    )
    expect(fish).toContain(
      "complete -c traykit -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'",
    )
    expect(fish).toContain("complete -c traykit -l profile -x -a '(__traykit_names)'")
    expect(fish).toContain('traykit __complete $words (commandline -ct)')
    expect(fish).toContain("-n '__fish_seen_subcommand_from call' -l set -x")
    expect(fish).toContain("complete -c traykit -l region -x -a 'us eu1 ap1'")
  })

  it('prints the script as JSON only when asked, and refuses other shells', async () => {
    const json = await runInProcess(['completion', 'bash', '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ shell: 'bash' })
    const unknown = await runInProcess(['completion', 'powershell'], { stderrTty: true })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown shell "powershell"')
  })
})

describe('completion of names', () => {
  const TOKEN = 'tk_live_COMPLETE_0123456789'
  const tray = useMockTray({ listen: true, tokens: [TOKEN] })

  /** A home whose completion cache was filled the way people fill it: by listing. */
  async function listedHome() {
    const { home, env } = await tempHome()
    const http = { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN }
    expect((await runInProcess(['connectors'], { env: http })).code).toBe(0)
    expect((await runInProcess(['operations', 'slack'], { env: http })).code).toBe(0)
    return { home, env }
  }

  it('completes connector and operation names from what was listed before', async () => {
    const bash = await script('bash')
    const { env } = await listedHome()
    expect(completeInBash(bash, ['traykit', 'operations', 'sl'], { env })).toEqual(['slack'])
    expect(completeInBash(bash, ['traykit', 'describe', 'go'], { env })).toEqual(['google-sheets'])
    expect(completeInBash(bash, ['traykit', '--json', 'call', 'slack', 'send_'], { env })).toEqual([
      'send_message',
      'send_reminder',
    ])
    expect(completeInBash(bash, ['traykit', 'lookup', 'slack@9.1', 'list_w'], { env })).toEqual([
      'list_workspaces_ddl',
    ])
    // A third argument (lookup's field) is not an operation: nothing is made up.
    expect(
      completeInBash(bash, ['traykit', 'lookup', 'slack', 'send_message', ''], { env }),
    ).toEqual([])
    // A connector never listed has no operations to offer yet.
    expect(completeInBash(bash, ['traykit', 'call', 'twilio-output', ''], { env })).toEqual([])
  })

  it('remembers operations of a connector read by describe, and nothing from --mock', async () => {
    const bash = await script('bash')
    const { env } = await tempHome()
    const http = { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN }
    expect(
      (await runInProcess(['describe', 'twilio-output', 'send_sms'], { env: http })).code,
    ).toBe(0)
    expect(completeInBash(bash, ['traykit', 'call', 'tw'], { env })).toEqual(['twilio-output'])
    expect(completeInBash(bash, ['traykit', 'call', 'twilio-output', 's'], { env })).toEqual([
      'send_sms',
    ])
    const fresh = await tempHome()
    expect((await runInProcess(['--mock', 'connectors'], { env: fresh.env })).code).toBe(0)
    expect(completeInBash(bash, ['traykit', 'call', 's'], { env: fresh.env })).toEqual([])
  })

  it('completes profile names from the config file, and shells after completion', async () => {
    const bash = await script('bash')
    const { env } = await tempHome()
    await saveConfig(join(env.XDG_CONFIG_HOME!, 'traykit', 'config.json'), {
      profiles: { work: { token: 't' }, 'work-eu': { region: 'eu1' }, default: {} },
    })
    expect(completeInBash(bash, ['traykit', 'connectors', '--profile', 'wo'], { env })).toEqual([
      'work',
      'work-eu',
    ])
    expect(completeInBash(bash, ['traykit', 'completion', ''], { env })).toEqual([
      'bash',
      'zsh',
      'fish',
    ])
    expect(completeInBash(bash, ['traykit', 'completion', 'f'], { env })).toEqual(['fish'])
  })

  it('completes @file paths after --input, and plain paths after --catalog', async () => {
    const bash = await script('bash')
    const { home } = await tempHome()
    await writeFile(join(home, 'input.json'), '{}')
    await writeFile(join(home, 'catalog.json'), '{}')
    const at = (word: string) =>
      completeInBash(bash, ['traykit', 'call', 'slack', 'send_message', '--input', word], {
        cwd: home,
      })
    expect(at('@in')).toEqual(['@input.json'])
    expect(at('').sort()).toEqual(['@catalog.json', '@input.json'])
    expect(at('{"a"')).toEqual([])
    expect(completeInBash(bash, ['traykit', 'mock', '--catalog', 'ca'], { cwd: home })).toEqual([
      'catalog.json',
    ])
  })

  it('offers no name a shell would expand, from a cache someone else wrote', async () => {
    const bash = await script('bash')
    const { home, env } = await tempHome()
    const marker = join(home, 'ran')
    await mkdir(join(home, '.cache', 'traykit'), { recursive: true })
    await writeFile(
      join(home, '.cache', 'traykit', 'completion.json'),
      JSON.stringify({
        connectors: ['slack', `$(touch ${marker})`, 's*', 's lack', 's\nx', 'sä'],
        operations: { slack: ['send_message', '`touch x`'], '$(x)': ['a'] },
      }),
    )
    expect(completeInBash(bash, ['traykit', 'call', 's'], { env })).toEqual(['slack'])
    expect(completeInBash(bash, ['traykit', 'call', 'slack', ''], { env })).toEqual([
      'send_message',
    ])
    await expect(stat(marker)).rejects.toThrow('ENOENT')
    // The next listing rewrites the cache with safe names only.
    await runInProcess(['operations', 'slack'], {
      env: { ...env, TRAY_API_URL: tray.url, TRAY_TOKEN: TOKEN },
    })
    const cache = JSON.parse(
      await readFile(join(home, '.cache', 'traykit', 'completion.json'), 'utf8'),
    )
    expect(cache.connectors).toEqual(['slack'])
    expect(Object.keys(cache.operations)).toEqual(['slack'])
  })
})
