import { defineCommand } from 'citty'
import { usageError } from '../cli-error'
import { bashScript } from '../completion/bash-script'
import { commandTree, SHELLS } from '../completion/command-tree'
import { fishScript } from '../completion/fish-script'
import { globalArgs } from '../global-args'
import mainCommand from '../main-command'
import { createOutput } from '../output/output'

/** `traykit completion bash|zsh|fish`: a completion script built from the commands themselves. */
export default defineCommand({
  args: {
    shell: { type: 'positional', required: true, description: 'bash, zsh or fish' },
    ...globalArgs,
  },
  async run({ args }) {
    const shell = args.shell
    if (!(SHELLS as readonly string[]).includes(shell)) {
      throw usageError(`Unknown shell "${shell}": use bash, zsh or fish.`)
    }
    const tree = await commandTree(mainCommand)
    const script =
      shell === 'fish'
        ? fishScript(tree)
        : shell === 'zsh'
          ? `#compdef traykit\n# Load it with: source <(traykit completion zsh)\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(tree)}`
          : bashScript(tree)
    const out = createOutput(args)
    // A script is meant for `source <(…)` or a file: printed as it is unless --json asks.
    if (args.json) return out.data({ shell, script })
    out.io.stdout.write(script)
  },
})
