// JavaScript regular expressions backtrack: a pattern such as `(a+)+$` takes exponential time on
// a string of 40 characters, and even `[a-z]+[a-z0-9]*$` takes seconds on 3 000. Input schemas
// come from Tray but the strings come from end users, so an edge handler validating them must
// not let a pattern stall it. There is no way to interrupt a RegExp, so the bound is structural:
// a pattern that can backtrack exponentially is not run at all, and one that can backtrack
// polynomially is run only on strings short enough to stay within a fixed number of steps.

/** A repetition of at most this many only multiplies the work by a constant. */
const SMALL_REPEAT = 10
/** About how many backtracking steps one pattern check may take (a few milliseconds). */
const STEP_BUDGET = 1_000_000
// A pattern's tokens: an escape (a backreference, `\p{…}`, one character), a class, a group's
// opening, a quantifier (`*`, `{2,5}`, lazy or not), or one other character.
const TOKEN =
  /\\(?:[1-9]|k<|[pPu]\{[^}]*\}|[\s\S])|\[(?:\\[\s\S]|[^\]\\])*\]|\((?:\?(?:[:=!]|<[=!]|<[^>]*>))?|(?:[*+?]|\{(\d+)(,?)(\d*)\})\??|[\s\S]/gu
// The shape `boundedPattern` gives a length-guarded pattern, so messages can show the original.
const GUARDED = /^\^\[\^\]\{\d+\}\|\^\(\?=\[\^\]\{0,\d+\}\$\)\[\^\]\*\?\(\?:([\s\S]*)\)$/

/**
 * The pattern to hand the validator in place of a schema's `pattern`, or undefined when it
 * cannot be checked safely: JavaScript cannot compile it (Java syntax such as `\Aabc\Z` or
 * possessive `a++`), or it could backtrack exponentially (a repeated group holding a repetition
 * or an alternation, or a backreference). A pattern whose backtracking grows with the string
 * comes back guarded: a string too long to check within the step budget passes it unchecked.
 */
export function boundedPattern(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return undefined
  try {
    new RegExp(pattern, 'u')
  } catch {
    return undefined
  }
  const cost = costOf(pattern)
  if (cost === undefined) return undefined
  // Every start of the string is tried, unless the pattern is anchored at the start.
  const exponent = cost.exponent + (pattern.startsWith('^') && !cost.topLevelAlternation ? 0 : 1)
  const room = STEP_BUDGET / 2 ** cost.log2
  if (room < 1) return undefined
  if (exponent === 0 || (exponent === 1 && cost.log2 === 0)) return pattern
  // (The epsilon keeps 1e6 ** (1 / 3), computed as 99.99999999999997, at 100.)
  const limit = Math.floor(room ** (1 / exponent) + 1e-9)
  // Longer than the limit: matches at once. Otherwise: the pattern, searched as RegExp#test does.
  return `^[^]{${limit + 1}}|^(?=[^]{0,${limit}}$)[^]*?(?:${pattern})`
}

/** The pattern as the schema wrote it, for messages, given what `boundedPattern` returned. */
export function shownPattern(pattern: unknown): unknown {
  if (typeof pattern !== 'string') return pattern
  return GUARDED.exec(pattern)?.[1] ?? pattern
}

/**
 * What backtracking can cost, as steps ≈ 2^log2 × length^exponent: each open-ended repetition
 * can try every split of the string (a factor of its length), each short variable one (`b?`,
 * `\d{1,3}`) every count it allows (a constant factor).
 */
interface Cost {
  exponent: number
  log2: number
  /** Holds a repetition whose count can vary, or an alternation. */
  varies: boolean
}

const FIXED: Cost = { exponent: 0, log2: 0, varies: false }

/**
 * The cost of a valid pattern, or undefined when it is exponential: a repetition of more than
 * `SMALL_REPEAT` over something that varies. Alternatives are counted as if in sequence, which
 * overstates their cost and so errs on the safe side.
 */
function costOf(pattern: string): (Cost & { topLevelAlternation: boolean }) | undefined {
  const groups: Cost[] = [{ ...FIXED }]
  let topLevelAlternation = false
  // The last atom, not yet added to its group: a quantifier may still repeat it.
  let atom: Cost | undefined
  const flush = () => {
    const group = groups.at(-1)!
    if (atom) {
      group.exponent += atom.exponent
      group.log2 += atom.log2
      group.varies ||= atom.varies
    }
    atom = undefined
  }
  for (const [token, low, comma, high] of pattern.matchAll(TOKEN)) {
    if (/^\\(?:[1-9]|k<)/.test(token)) return undefined
    if (atom && /^[*+?]|^\{\d/.test(token)) {
      // `*` and `+` repeat without end, `?` once at most, `{n,m}` as written.
      const min = low === undefined ? Number(token[0] === '+') : Number(low)
      const max =
        low === undefined
          ? token[0] === '?'
            ? 1
            : Infinity
          : comma
            ? Number(high || Infinity)
            : min
      if (max > SMALL_REPEAT) {
        if (atom.varies) return undefined
        if (min < max) atom = { exponent: 1, log2: 0, varies: true }
      } else {
        // Up to `max` copies, each backtracking on its own, for each count allowed.
        const varies = atom.varies || min < max
        atom = {
          exponent: atom.exponent * max,
          log2: atom.log2 * max + Math.log2(max - min + 1),
          varies,
        }
      }
      flush()
    } else if (token[0] === '(') {
      flush()
      groups.push({ ...FIXED })
    } else if (token === ')') {
      flush()
      atom = groups.pop()
    } else if (token === '|') {
      flush()
      groups.at(-1)!.varies = true
      topLevelAlternation ||= groups.length === 1
    } else {
      flush()
      atom = FIXED
    }
  }
  flush()
  return { ...groups[0]!, topLevelAlternation }
}
