// Finds the TypeScript that users read: every ```ts / ```typescript block of the READMEs, and
// the examples' sources. A block may be preceded by one HTML comment that tells the harness how
// to treat it (see CONTRIBUTING.md, "Docs that run"):
//   <!-- docs-test: prepend <name> -->        prepend scripts/docs-test/preludes/<name>.ts
//   <!-- docs-test: typecheck-only <reason> --> type-check it, do not run it
//   <!-- docs-test: skip <reason> -->          neither (a fragment that cannot compile)
//   <!-- docs-test: throws <ErrorName> -->      running it must throw that error, as it shows
//   <!-- docs-test: vitest -->                 a vitest file: vitest runs it
//   <!-- docs-test: with-generated-types -->   its program has the mock catalog's generated
//                                              module (`traykit --mock generate types --all`)
//   <!-- docs-test: excerpt generated-types --> not compiled: its declarations must be in that module
//   <!-- docs-test: writes <path> -->          run in a fresh folder; it must write <path> there
// Directives combine with `;`: `<!-- docs-test: prepend slack; typecheck-only needs Deno -->`.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** The Markdown files whose TypeScript blocks are tests: the root README and each package's. */
export function readmeFiles(root) {
  const packages = ['packages', 'apps'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .map((name) => `${dir}/${name}/README.md`)
      .filter((path) => existsSync(join(root, path))),
  )
  return ['README.md', ...packages.sort()]
}

/** The examples' sources: every .ts file under examples/ (not node_modules, not dist). */
export function exampleFiles(root) {
  return readdirSync(join(root, 'examples'), { recursive: true })
    .map(String)
    .filter((path) => path.endsWith('.ts') && !/(^|\/)(node_modules|dist)\//.test(path))
    .map((path) => `examples/${path}`)
    .sort()
}

const DIRECTIVE = /^<!--\s*docs-test:\s*(.*?)\s*-->$/
const KINDS = new Set([
  'prepend',
  'typecheck-only',
  'skip',
  'vitest',
  'throws',
  'with-generated-types',
  'excerpt',
  'writes',
])
/** What an `excerpt` may be an excerpt of. */
const EXCERPT_SOURCES = new Set(['generated-types'])

/** Parses `prepend x; skip why` into `[{ kind, arg }]`, refusing unknown kinds. */
export function parseDirectives(text, where) {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [kind, ...rest] = part.split(/\s+/)
      if (!KINDS.has(kind)) throw new Error(`${where}: unknown docs-test directive "${kind}"`)
      const arg = rest.join(' ')
      if ((kind === 'skip' || kind === 'typecheck-only') && !arg)
        throw new Error(`${where}: "${kind}" needs a reason`)
      if ((kind === 'prepend' || kind === 'throws') && !arg)
        throw new Error(`${where}: "${kind}" needs a name`)
      if (kind === 'excerpt' && !EXCERPT_SOURCES.has(arg))
        throw new Error(`${where}: "excerpt" takes one of: ${[...EXCERPT_SOURCES].join(', ')}`)
      // A relative path inside the block's folder: the block cannot write over the project.
      if (kind === 'writes' && (!arg || /^\/|^[A-Za-z]:|(^|\/)\.\.(\/|$)/.test(arg)))
        throw new Error(`${where}: "writes" needs a relative path inside its folder`)
      return { kind, arg }
    })
}

/** The ```ts and ```typescript blocks of one Markdown text, with their directives. */
export function extractMarkdownBlocks(text, file) {
  const lines = text.split('\n')
  const blocks = []
  let pending = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const directive = DIRECTIVE.exec(line.trim())
    if (directive) {
      pending = { directives: parseDirectives(directive[1], `${file}:${i + 1}`), line: i + 1 }
      continue
    }
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(line)
    if (!fence) {
      if (line.trim() !== '') pending = null
      continue
    }
    const [, indent, marker, lang] = fence
    const body = []
    let j = i + 1
    while (j < lines.length && !lines[j].trimStart().startsWith(marker)) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j])
      j++
    }
    if (lang === 'ts' || lang === 'typescript') {
      blocks.push({
        file,
        line: i + 2, // the block's first line of code
        code: `${body.join('\n')}\n`,
        directives: pending?.directives ?? [],
      })
    } else if (pending) {
      throw new Error(`${file}:${pending.line}: a docs-test marker before a non-TypeScript block`)
    }
    pending = null
    i = j
  }
  return blocks
}

/** Every block of the READMEs and every example, in a stable order with unique ids. */
export function extractAll(root) {
  const blocks = []
  for (const file of readmeFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8')
    blocks.push(...extractMarkdownBlocks(text, file))
  }
  // An example is a whole file, run as it is: its imports of the packages resolve to the
  // installed tarballs, exactly as in a user's project.
  for (const path of exampleFiles(root)) {
    blocks.push({
      file: path,
      line: 1,
      code: readFileSync(join(root, path), 'utf8'),
      directives: [],
      example: true,
    })
  }
  return blocks.map((block) => ({
    ...block,
    id: `${relative('.', block.file)
      .replace(/(\/README)?\.md$/, '')
      .replace(/\.ts$/, '')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')}-L${block.line}`,
    name: `${block.file}:${block.line}`,
  }))
}
