/** Every value of a repeatable flag (`--set a=1 --set=b=2`), which citty keeps only the last of. */
export function flagValues(rawArgs: string[], name: string): string[] {
  const values: string[] = []
  for (let i = 0; i < rawArgs.length; i++) {
    const token = rawArgs[i]!
    if (token === '--') break
    if (token === `--${name}` && rawArgs[i + 1] !== undefined) values.push(rawArgs[++i]!)
    else if (token.startsWith(`--${name}=`)) values.push(token.slice(name.length + 3))
  }
  return values
}
