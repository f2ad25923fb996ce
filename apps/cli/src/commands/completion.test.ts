import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { runInProcess } from '../__fixtures__/cli-runs'

async function script(shell: string): Promise<string> {
  const result = await runInProcess(['completion', shell])
  expect(result.code).toBe(0)
  return result.stdout
}

/** What bash completes for a command line typed so far (the last word being completed). */
function completeInBash(code: string, words: string[]): string[] {
  const program = `${code}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _traykit_completion; printf '%s\\n' "\${COMPREPLY[@]}"`
  return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean)
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
    expect(fish).toContain("-n '__fish_seen_subcommand_from call' -l input -r -F")
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
