import {
  AT_FILE_FLAGS,
  type CompletionNode,
  DYNAMIC_FLAGS,
  DYNAMIC_POSITIONALS,
  FILE_FLAGS,
  FLAG_VALUES,
  POSITIONAL_VALUES,
} from './command-tree'

// Names come from `traykit __complete`, which reads local files only; `@file` paths for --input.
const HELPERS = `function __traykit_names
    set -l words (commandline -opc)
    set -e words[1]
    traykit __complete $words (commandline -ct) 2>/dev/null
end
function __traykit_at_files
    set -l token (commandline -ct)
    test -z "$token"; or string match -q -- '@*' $token; or return
    for path in (__fish_complete_path (string replace -r -- '^@' '' $token))
        echo "@$path"
    end
end`

/** A fish completion script for `traykit`: global flags everywhere, each command's own after it. */
export function fishScript(tree: CompletionNode[]): string {
  const lines = [
    '# traykit completion for fish. Load it with: traykit completion fish | source',
    'complete -c traykit -f',
    HELPERS,
  ]
  const globals = new Set(tree[0]?.flags.map((f) => f.name))
  for (const node of tree) {
    const names = node.path.split(' ').filter(Boolean)
    const condition =
      names.length === 0
        ? '__fish_use_subcommand'
        : [
            `__fish_seen_subcommand_from ${names.at(-1)}`,
            ...(node.subCommands.length
              ? [`not __fish_seen_subcommand_from ${node.subCommands.map((s) => s.name).join(' ')}`]
              : []),
          ].join('; and ')
    for (const sub of node.subCommands) {
      lines.push(
        `complete -c traykit -n '${condition}' -a ${sub.name} -d ${quote(sub.description)}`,
      )
    }
    const fixed = node.positionals.map((p) => POSITIONAL_VALUES[p]).find(Boolean)
    if (fixed) lines.push(`complete -c traykit -n '${condition}' -a '${fixed}'`)
    else if (node.positionals.some((p) => DYNAMIC_POSITIONALS.includes(p)))
      lines.push(`complete -c traykit -n '${condition}' -a '(__traykit_names)'`)
    for (const flag of node.flags) {
      const isGlobal = globals.has(flag.name)
      if (isGlobal && names.length > 0) continue
      const values = FLAG_VALUES[flag.name]
      const value = values
        ? ` -x -a '${values}'`
        : DYNAMIC_FLAGS.includes(flag.name)
          ? " -x -a '(__traykit_names)'"
          : AT_FILE_FLAGS.includes(flag.name)
            ? " -x -a '(__traykit_at_files)'"
            : FILE_FLAGS.includes(flag.name)
              ? ' -r -F'
              : flag.takesValue
                ? ' -x'
                : ''
      const scope = isGlobal ? '' : ` -n '${condition}'`
      lines.push(
        `complete -c traykit${scope} -l ${flag.name}${value} -d ${quote(flag.description)}`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}
