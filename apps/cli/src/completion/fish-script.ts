import { type CompletionNode, FILE_FLAGS, FLAG_VALUES } from './command-tree'

/** A fish completion script for `traykit`: global flags everywhere, each command's own after it. */
export function fishScript(tree: CompletionNode[]): string {
  const lines = [
    '# traykit completion for fish. Load it with: traykit completion fish | source',
    'complete -c traykit -f',
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
    for (const flag of node.flags) {
      const isGlobal = globals.has(flag.name)
      if (isGlobal && names.length > 0) continue
      const values = FLAG_VALUES[flag.name]
      const value = values
        ? ` -x -a '${values}'`
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
