import {
  AT_FILE_FLAGS,
  type CompletionNode,
  DYNAMIC_FLAGS,
  DYNAMIC_POSITIONALS,
  FILE_FLAGS,
  FLAG_VALUES,
  POSITIONAL_VALUES,
} from './command-tree'

/**
 * A bash completion function for `traykit` (zsh runs it through bashcompinit). Commands, flags
 * and fixed values are in the script; connector, operation and profile names come from
 * `traykit __complete`, which reads local files only. Names are read one per line and never
 * pass through `compgen -W`, which would expand `$(…)` in them.
 */
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
  const positionals = tree.flatMap((n) => {
    const fixed = n.positionals.map((p) => POSITIONAL_VALUES[p]).find(Boolean)
    if (fixed)
      return [`      "${n.path}") COMPREPLY=($(compgen -W "${fixed}" -- "$cur")); return ;;`]
    if (n.positionals.some((p) => DYNAMIC_POSITIONALS.includes(p)))
      return [`      "${n.path}") _traykit_names; return ;;`]
    return []
  })
  const flags = (names: string[]) => names.map((f) => `--${f}`).join('|')
  return `# traykit completion for bash. Load it with: source <(traykit completion bash)
_traykit_names() {
  local IFS=$'\\n'
  COMPREPLY=($(traykit __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
_traykit_completion() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local path="" skip=0 word words i file
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
    ${flags(DYNAMIC_FLAGS)}) _traykit_names; return ;;
    ${flags(FILE_FLAGS)}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    ${flags(AT_FILE_FLAGS)})
      COMPREPLY=()
      [[ -z "$cur" || "$cur" == @* ]] || return
      while IFS= read -r file; do COMPREPLY+=("@$file"); done < <(compgen -f -- "\${cur#@}")
      return ;;
    ${valueFlags.join('|')}) COMPREPLY=(); return ;;
  esac
  if [[ "$cur" != -* ]]; then
    case "$path" in
${positionals.join('\n')}
    esac
  fi
  case "$path" in
${words.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _traykit_completion traykit
`
}
