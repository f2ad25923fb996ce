import type { CleanSchema } from './_sanitize-schema'

type Compile = typeof import('json-schema-to-typescript').compile

let loaded: Promise<Compile> | undefined

/**
 * json-schema-to-typescript, loaded on first use: it pulls in prettier and lodash, which no other
 * command needs, so it stays an installed dependency outside the bundle, read only by
 * `generate types`.
 */
function loadCompiler(): Promise<Compile> {
  loaded ??= import('json-schema-to-typescript').then((m) => m.compile)
  return loaded
}

/**
 * `export interface <name> { … }` for a sanitised schema. Formatting is off (no prettier: it is
 * slow, and the output is already laid out), and so are tuples from minItems/maxItems (Tray's
 * limits are for forms, and tuples of 20 make unreadable unions).
 */
export async function compileSchema(schema: CleanSchema, name: string): Promise<string> {
  const compile = await loadCompiler()
  const code = await compile(schema, name, {
    bannerComment: '',
    format: false,
    ignoreMinAndMaxItems: true,
    unknownAny: true,
    additionalProperties: true,
    declareExternallyReferenced: true,
    strictIndexSignatures: false,
    // No $ref reaches it (the sanitiser inlined them), so nothing is ever read from disk or
    // fetched; `cwd` only keeps it from looking at the user's working directory.
    cwd: '/',
  })
  return indent(code)
}

/**
 * Indents the generator's unformatted output by its braces: each declaration puts `{` at the end
 * of a line and `}` at the start of one, and comment lines (` * …`) never count.
 */
function indent(code: string): string {
  let depth = 0
  return code
    .split('\n')
    .map((raw) => {
      const line = raw.trim()
      if (line === '') return ''
      if (line.startsWith('*')) return `${'  '.repeat(depth)} ${line}`
      if (line.startsWith('}')) depth = Math.max(0, depth - 1)
      const out = `${'  '.repeat(depth)}${line}`
      if (line.endsWith('{') && !line.startsWith('/*')) depth++
      return out
    })
    .join('\n')
}
