// A parser for the subset of GraphQL that Tray's end-user API is called with: one query or
// mutation, variables, arguments, aliases and nested selections. No fragments or directives:
// the mock answers those with a GraphQL error, as a server that does not know them would.

/** A value as written in a document: a variable reference, or a literal. */
export type GraphQLValue =
  | { kind: 'variable'; name: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'list'; items: GraphQLValue[] }
  | { kind: 'object'; fields: Array<[string, GraphQLValue]> }

/** A field of a selection set. */
export interface GraphQLField {
  name: string
  /** The key the answer uses: the alias, or the name. */
  key: string
  args: Array<[string, GraphQLValue]>
  selections: GraphQLField[] | undefined
}

/** A parsed operation. */
export interface GraphQLOperation {
  type: 'query' | 'mutation'
  selections: GraphQLField[]
}

/** A document the mock cannot read; its message is what the answer's `errors` say. */
export class GraphQLSyntaxError extends Error {}

const PUNCTUATORS = new Set(['{', '}', '(', ')', ':', '$', '!', '[', ']', '=', '@'])

type Token = {
  kind: 'name' | 'punct' | 'string' | 'number' | 'spread'
  text: string
  value?: unknown
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const ch = source[i] as string
    if (/[\s,\uFEFF]/.test(ch)) {
      i++
    } else if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++
    } else if (PUNCTUATORS.has(ch)) {
      tokens.push({ kind: 'punct', text: ch })
      i++
    } else if (source.startsWith('...', i)) {
      tokens.push({ kind: 'spread', text: '...' })
      i += 3
    } else if (/[_A-Za-z]/.test(ch)) {
      const match = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i)) as RegExpExecArray
      tokens.push({ kind: 'name', text: match[0] })
      i += match[0].length
    } else if (/[-0-9]/.test(ch)) {
      const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i))
      if (!match) throw new GraphQLSyntaxError(`Syntax Error: Invalid number at ${i}.`)
      tokens.push({ kind: 'number', text: match[0], value: Number(match[0]) })
      i += match[0].length
    } else if (ch === '"') {
      if (source.startsWith('"""', i))
        throw new GraphQLSyntaxError('Syntax Error: block strings are not supported by the mock.')
      const match = /^"(?:[^"\\\n]|\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4}))*"/.exec(source.slice(i))
      if (!match) throw new GraphQLSyntaxError(`Syntax Error: Unterminated string at ${i}.`)
      tokens.push({ kind: 'string', text: match[0], value: JSON.parse(match[0]) })
      i += match[0].length
    } else {
      throw new GraphQLSyntaxError(`Syntax Error: Unexpected character ${JSON.stringify(ch)}.`)
    }
  }
  return tokens
}

/** Parses a document of one operation; throws `GraphQLSyntaxError`. */
export function parseGraphQL(source: string): GraphQLOperation {
  if (typeof source !== 'string' || source.length > 100_000) {
    throw new GraphQLSyntaxError('Must provide query string.')
  }
  const tokens = tokenize(source)
  let at = 0
  let depth = 0
  const peek = () => tokens[at]
  const next = (): Token => {
    const token = tokens[at++]
    if (!token) throw new GraphQLSyntaxError('Syntax Error: Unexpected <EOF>.')
    return token
  }
  const expect = (text: string) => {
    const token = next()
    if (token.text !== text || token.kind === 'string') {
      throw new GraphQLSyntaxError(`Syntax Error: Expected "${text}", found "${token.text}".`)
    }
  }
  const name = (): string => {
    const token = next()
    if (token.kind !== 'name')
      throw new GraphQLSyntaxError(`Syntax Error: Expected Name, found "${token.text}".`)
    return token.text
  }

  function value(constant: boolean): GraphQLValue {
    const token = next()
    if (token.kind === 'punct' && token.text === '$' && !constant)
      return { kind: 'variable', name: name() }
    if (token.kind === 'string' || token.kind === 'number')
      return { kind: 'literal', value: token.value }
    if (token.kind === 'name') {
      if (token.text === 'true') return { kind: 'literal', value: true }
      if (token.text === 'false') return { kind: 'literal', value: false }
      if (token.text === 'null') return { kind: 'literal', value: null }
      return { kind: 'literal', value: token.text } // an enum value
    }
    if (token.text === '[') {
      const items: GraphQLValue[] = []
      while (peek()?.text !== ']') items.push(value(constant))
      expect(']')
      return { kind: 'list', items }
    }
    if (token.text === '{') {
      const fields: Array<[string, GraphQLValue]> = []
      while (peek()?.text !== '}') {
        const key = name()
        expect(':')
        fields.push([key, value(constant)])
      }
      expect('}')
      return { kind: 'object', fields }
    }
    throw new GraphQLSyntaxError(`Syntax Error: Unexpected "${token.text}".`)
  }

  function typeRef(): void {
    const token = next()
    if (token.text === '[') {
      typeRef()
      expect(']')
    } else if (token.kind !== 'name') {
      throw new GraphQLSyntaxError(`Syntax Error: Expected a type, found "${token.text}".`)
    }
    if (peek()?.text === '!') next()
  }

  function selectionSet(): GraphQLField[] {
    if (++depth > 20) throw new GraphQLSyntaxError('Syntax Error: selections nested too deeply.')
    expect('{')
    const fields: GraphQLField[] = []
    while (peek()?.text !== '}') {
      if (peek()?.kind === 'spread')
        throw new GraphQLSyntaxError('Fragments are not supported by the mock.')
      if (peek()?.text === '@')
        throw new GraphQLSyntaxError('Directives are not supported by the mock.')
      const key = name()
      let fieldName = key
      if (peek()?.text === ':') {
        next()
        fieldName = name()
      }
      const args: Array<[string, GraphQLValue]> = []
      if (peek()?.text === '(') {
        next()
        while (peek()?.text !== ')') {
          const argName = name()
          expect(':')
          args.push([argName, value(false)])
        }
        expect(')')
      }
      const selections = peek()?.text === '{' ? selectionSet() : undefined
      fields.push({ name: fieldName, key, args, selections })
    }
    expect('}')
    depth--
    return fields
  }

  let type: GraphQLOperation['type'] = 'query'
  const first = peek()
  if (first?.kind === 'name') {
    if (first.text === 'subscription')
      throw new GraphQLSyntaxError('Subscriptions are not supported.')
    if (first.text !== 'query' && first.text !== 'mutation') {
      throw new GraphQLSyntaxError(`Syntax Error: Unexpected Name "${first.text}".`)
    }
    type = first.text
    next()
    if (peek()?.kind === 'name') next()
    if (peek()?.text === '(') {
      next()
      while (peek()?.text !== ')') {
        expect('$')
        name()
        expect(':')
        typeRef()
        if (peek()?.text === '=') {
          next()
          value(true)
        }
      }
      expect(')')
    }
  }
  const selections = selectionSet()
  if (at < tokens.length)
    throw new GraphQLSyntaxError('This mock answers documents of one operation only.')
  return { type, selections }
}

/** A value with its variables filled in. */
export function resolveValue(node: GraphQLValue, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case 'variable':
      return Object.hasOwn(variables, node.name) ? variables[node.name] : undefined
    case 'literal':
      return node.value
    case 'list':
      return node.items.map((item) => resolveValue(item, variables))
    case 'object':
      return Object.fromEntries(node.fields.map(([k, v]) => [k, resolveValue(v, variables)]))
  }
}

/** The root fields a document asks for, comma-separated (`authorize`), for the journal; undefined if unreadable. */
export function rootFieldsOf(body: unknown): string | undefined {
  const query = (body as { query?: unknown } | null | undefined)?.query
  if (typeof query !== 'string') return undefined
  try {
    return parseGraphQL(query)
      .selections.map((f) => f.name)
      .join(',')
  } catch {
    return undefined
  }
}
