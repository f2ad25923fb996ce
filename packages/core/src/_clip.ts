/**
 * A text cut short past `max` characters, ending in `…`: names, values and third parties'
 * messages a message quotes, so that one hostile value cannot make it pages long.
 */
export function clip(text: string, max = 100): string {
  if (text.length <= max) return text
  // Never end on half of a surrogate pair.
  const cut = /[\uD800-\uDBFF]$/.test(text.slice(0, max)) ? max - 1 : max
  return `${text.slice(0, cut)}…`
}
