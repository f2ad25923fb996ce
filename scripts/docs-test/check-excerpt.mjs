// Checks that a README excerpt of a generated module says what the generator writes: every
// declaration the excerpt shows (interfaces, type aliases, `declare module` blocks, each member
// with its `?`, its type and the doc comment it shows) is in the generated module, members in
// the same order. What the excerpt leaves out (`// …`) may be anything. Types compare token by
// token, so quotes, spacing, `;` and outer parentheses do not matter.

/**
 * The problems of `excerpt` against `source` (both TypeScript text), and how many declarations
 * were compared; `ts` is the consumer project's TypeScript.
 */
export function checkExcerpt(ts, excerpt, source) {
  const parse = (text) =>
    ts.createSourceFile('excerpt.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const want = parse(excerpt)
  const have = parse(source)
  const problems = []
  let checked = 0

  /** The text of a node as tokens, comments and trivia left out, strings as JSON. */
  const tokens = (node) => {
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard)
    scanner.setText(node.getSourceFile().text, node.getStart(), node.getEnd() - node.getStart())
    const out = []
    for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan())
      out.push(
        kind === ts.SyntaxKind.StringLiteral
          ? JSON.stringify(scanner.getTokenValue())
          : scanner.getTokenText(),
      )
    while (out.at(-1) === ';' || out.at(-1) === ',') out.pop()
    return out.join(' ')
  }
  const unwrap = (type) => (type && ts.isParenthesizedTypeNode(type) ? unwrap(type.type) : type)
  /** The doc comment right before a node, `/**`, `*` and line breaks left out. */
  const doc = (node) => {
    const text = node.getSourceFile().text
    return (ts.getLeadingCommentRanges(text, node.pos) ?? [])
      .map((range) => text.slice(range.pos, range.end))
      .filter((comment) => comment.startsWith('/**'))
      .map((comment) =>
        comment
          .slice(3, -2)
          .split('\n')
          .map((line) => line.replace(/^\s*\*?\s?/, '').trim())
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .at(-1)
  }
  const nameOf = (node) =>
    node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
      ? node.name.text
      : undefined

  /** Each statement of `wanted` in `haves` (a file's or a `declare module`'s statements). */
  const statements = (wanted, haves, where) => {
    for (const statement of wanted) {
      const name = nameOf(statement)
      const label = `${where}${name ?? tokens(statement).slice(0, 60)}`
      const found = haves.find((s) =>
        name === undefined
          ? tokens(s) === tokens(statement)
          : s.kind === statement.kind && nameOf(s) === name,
      )
      checked++
      if (!found) {
        problems.push(`${label}: not in the generated module`)
        continue
      }
      const exported = (s) =>
        ts.getModifiers?.(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false
      if (exported(statement) !== exported(found))
        problems.push(`${label}: exported in one and not in the other`)
      if (ts.isInterfaceDeclaration(statement)) members(statement.members, found.members, label)
      else if (ts.isModuleDeclaration(statement))
        statements(statement.body?.statements ?? [], found.body?.statements ?? [], `${label} > `)
      else if (ts.isTypeAliasDeclaration(statement)) types(statement.type, found.type, label)
    }
  }
  /** Each member of `wanted` in `haves`, in the same order; the others may be anything. */
  const members = (wanted, haves, where) => {
    let after = -1
    for (const member of wanted) {
      const name = nameOf(member)
      const label = `${where}.${name ?? tokens(member)}`
      const index = haves.findIndex((m) =>
        name === undefined
          ? tokens(m) === tokens(member)
          : m.kind === member.kind && nameOf(m) === name,
      )
      checked++
      if (index === -1) {
        problems.push(`${label}: not in the generated module`)
        continue
      }
      if (index < after) problems.push(`${label}: comes earlier in the generated module`)
      after = Math.max(after, index)
      const found = haves[index]
      if (Boolean(member.questionToken) !== Boolean(found.questionToken))
        problems.push(`${label}: ${member.questionToken ? 'optional' : 'required'} here, not there`)
      const shown = doc(member)
      if (shown !== undefined && shown !== doc(found))
        problems.push(`${label}: its doc comment is\n  ${doc(found) ?? '(none)'}\nnot\n  ${shown}`)
      if (ts.isPropertySignature(member)) types(member.type, found.type, label)
    }
  }
  const types = (wanted, found, label) => {
    const a = unwrap(wanted)
    const b = unwrap(found)
    if (!a) return
    if (b && ts.isTypeLiteralNode(a) && ts.isTypeLiteralNode(b))
      return members(a.members, b.members, label)
    if (!b || tokens(a) !== tokens(b))
      problems.push(`${label}: typed ${b ? tokens(b) : '(nothing)'} there, not ${tokens(a)}`)
  }

  statements(want.statements, have.statements, '')
  // A syntax error would make the excerpt say less than it seems to.
  for (const d of want.parseDiagnostics ?? [])
    problems.push(
      `the excerpt does not parse: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    )
  return { problems, checked }
}
