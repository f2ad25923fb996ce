import { type CompletionNode, FILE_FLAGS, FLAG_VALUES } from './command-tree'

/** A bash completion function for `traykit` (zsh runs it through bashcompinit). */
export function bashScript(tree: CompletionNode[]): string {
  const valueFlags = [
    ...new Set(tree.flatMap((n) => n.flags.filter((f) => f.takesValue).map((f) => `--${f.name}`))),
  ]
  const steps = tree.flatMap((n) => n.subCommands.map((s) => `"${n.path}|${s.name}"`))
  const words = tree.map(
    (n) =>
      `    "${n.path}") words="${[...n.subCommands.map((s) => s.name), ...n.flags.map((f) => `--${f.name}`)].join(' ')}" ;;`,
  )
  const values = Object.entries(FLAG_VALUES).map(
    ([flag, list]) => `    --${flag}) COMPREPLY=($(compgen -W "${list}" -- "$cur")); return ;;`,
  )
  return `# traykit completion for bash. Load it with: source <(traykit completion bash)
_traykit_completion() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local path="" skip=0 word words i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      ${valueFlags.join('|')}) skip=1 ;;
      -*) ;;
      *) case "$path|$word" in
           ${steps.join('|')}) path="\${path:+$path }$word" ;;
         esac ;;
    esac
  done
  case "$prev" in
${values.join('\n')}
    ${FILE_FLAGS.map((f) => `--${f}`).join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    ${valueFlags.join('|')}) COMPREPLY=(); return ;;
  esac
  case "$path" in
${words.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _traykit_completion traykit
`
}
