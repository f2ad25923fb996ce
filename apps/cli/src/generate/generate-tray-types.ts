import { compareVersions, type FieldLookup, getLookups, type Operation } from '@traykit/core'
import { compileSchema } from './_compile-schema'
import { type CleanSchema, sanitizeSchema } from './_sanitize-schema'
import { operationTypeNames } from './type-names'

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g

/** An operation as the catalog lists it: what the generator reads of it. */
export interface CatalogOperation {
  name: string
  title: string
  description: string
  inputSchema: Record<string, unknown>
  outputSchema: Record<string, unknown>
  hasDynamicOutput: boolean
}

/** What the generator reads of a Tray client (a `TrayClient` has it). */
export interface TrayCatalogReader {
  listConnectors(): Promise<{ name: string; version: string }[]>
  getConnector(name: string, version?: string): Promise<{ name: string; version: string }>
  listOperations(connector: string, version: string): Promise<CatalogOperation[]>
}

/** Options of `generateTrayTypes`. */
export interface GenerateTrayTypesOptions {
  /** Where the catalog comes from: a client (`createTrayClient(…)`). */
  tray: TrayCatalogReader
  /** `slack@9.1`, or `slack` for its latest version (the version found is written in the file). */
  connectors?: readonly string[] | undefined
  /** Every connector, at its latest version (with `allVersions`, every version). */
  all?: boolean | undefined
  /** With `all`: every version of every connector, not only the latest. */
  allVersions?: boolean | undefined
  /** Told what had to be loosened to make types (a recursive `$ref`, a huge enum…), one line each. */
  onNote?: ((note: string) => void) | undefined
}

/** A connector version to generate. */
export interface TypesTarget {
  name: string
  version: string
}

/** The generated module and what went into it. */
export interface GeneratedTypes {
  source: string
  targets: TypesTarget[]
  operations: number
  notes: string[]
}

/**
 * The TypeScript module of `traykit generate types`: input and output types of every operation
 * of the connectors named, and their registration on `@traykit/core`'s `TrayOperations`, so that
 * `callConnector` checks inputs and types outputs once the file is part of the program.
 */
export async function generateTrayTypes(options: GenerateTrayTypesOptions): Promise<string> {
  const targets = await resolveTargets(options)
  const generated = await generateTypes(options.tray, targets)
  for (const note of generated.notes) options.onNote?.(note)
  return generated.source
}

/** The connector versions `options` name: pinned ones as given, the latest for a bare name. */
export async function resolveTargets(options: GenerateTrayTypesOptions): Promise<TypesTarget[]> {
  const { tray } = options
  const targets: TypesTarget[] = []
  if (options.all) {
    const byName = new Map<string, TypesTarget[]>()
    for (const { name, version } of await tray.listConnectors()) {
      byName.set(name, [...(byName.get(name) ?? []), { name, version }])
    }
    for (const versions of byName.values()) {
      versions.sort((a, b) => compareVersions(b.version, a.version))
      targets.push(...(options.allVersions ? versions : versions.slice(0, 1)))
    }
  }
  for (const ref of options.connectors ?? []) {
    const at = ref.lastIndexOf('@')
    const found = await tray.getConnector(
      at === -1 ? ref : ref.slice(0, at),
      at === -1 ? undefined : ref.slice(at + 1),
    )
    targets.push({ name: found.name, version: found.version })
  }
  if (targets.length === 0) throw new Error('Name at least one connector, or pass all: true')
  return targets
}

/** The module for these connector versions (deduplicated and sorted: same catalog, same bytes). */
export async function generateTypes(
  tray: Pick<TrayCatalogReader, 'listOperations'>,
  wanted: readonly TypesTarget[],
): Promise<GeneratedTypes> {
  const targets = sortTargets(wanted)
  const notes: string[] = []
  const used = new Set<string>()
  const declarations: string[] = []
  const registrations: string[] = []
  let count = 0
  const catalogs = await Promise.all(targets.map((t) => tray.listOperations(t.name, t.version)))
  for (const [i, target] of targets.entries()) {
    const ref = `${target.name}@${target.version}`
    const operations = [...catalogs[i]!].sort((a, b) => compareText(a.name, b.name))
    const members: string[] = []
    for (const operation of operations) {
      const names = operationTypeNames(target.name, target.version, operation.name)
      const input = unique(names.input, used, ref, notes)
      const output = unique(names.output, used, ref, notes)
      const lookups = getLookups(operation as Operation)
      const where = comment(`${ref} ${operation.name}`)
      declarations.push(
        await compileOne(operation.inputSchema, input, {
          where: `${where} input`,
          lookups: new Map(lookups.map((lookup) => [lookup.path, lookup])),
          notes,
          root: comment(`Input of ${where}${operation.title ? ` (${operation.title})` : ''}.`),
        }),
        await compileOne(operation.outputSchema, output, {
          where: `${where} output`,
          lookups: new Map(),
          notes,
          root: `Output of ${where}${
            operation.hasDynamicOutput
              ? ': its schema depends on the input (call with returnOutputSchema: true), so only the static part is typed'
              : ''
          }.`,
        }),
      )
      members.push(
        `      /** ${comment(operationSummary(operation))} */\n` +
          `      ${propertyKey(operation.name)}: {\n` +
          `        input: ${input}\n        output: ${output}\n` +
          `        lookups: ${lookupUnion(lookups)}\n      }`,
      )
      count++
    }
    registrations.push(`    ${propertyKey(ref)}: {\n${members.join('\n')}\n    }`)
  }
  const refs = targets.map((t) => comment(`${t.name}@${t.version}`))
  const source = [
    header(refs),
    // The augmentation below needs the package in the program: with this, the file compiles
    // on its own, even where nothing else imports @traykit/core yet.
    "import type {} from '@traykit/core'",
    '',
    ...declarations,
    "declare module '@traykit/core' {",
    '  interface TrayOperations {',
    ...registrations,
    '  }',
    '}',
    '',
  ].join('\n')
  return { source, targets, operations: count, notes }
}

async function compileOne(
  schema: unknown,
  name: string,
  context: {
    where: string
    lookups: ReadonlyMap<string, FieldLookup>
    notes: string[]
    root: string
  },
): Promise<string> {
  const clean = sanitizeSchema(schema, context)
  // A call's input and output are JSON objects whatever the schema says at its root.
  const root: CleanSchema = isObjectSchema(clean) ? clean : { type: 'object' }
  if (root !== clean)
    context.notes.push(`${context.where}: the root is not an object schema; typed as any object`)
  const description = [context.root, typeof root.description === 'string' ? root.description : '']
  try {
    return await compileSchema(
      { ...root, description: description.filter(Boolean).join('\n') },
      name,
    )
  } catch (error) {
    context.notes.push(
      `${context.where}: json-schema-to-typescript could not read it (${error instanceof Error ? error.message : String(error)}); typed as any object`,
    )
    return `/** ${comment(context.root)} */\nexport interface ${name} {\n  [k: string]: unknown\n}\n`
  }
}

function isObjectSchema(schema: CleanSchema): boolean {
  const type = schema.type
  if (type === undefined)
    return schema.anyOf === undefined && schema.oneOf === undefined && schema.enum === undefined
  return type === 'object'
}

function header(refs: string[]): string {
  return [
    '// Tray operation types for @traykit/core, generated by `traykit generate types`. Do not edit:',
    `// regenerate with \`traykit generate types ${refs.join(' ')}\`.`,
    '// The versions are pinned: calls to another version of these connectors stay untyped until',
    '// this file is generated for it.',
    `// Connectors: ${refs.join(', ')}.`,
    '',
  ].join('\n')
}

function operationSummary(operation: CatalogOperation): string {
  const title = operation.title.trim()
  const description = operation.description.trim()
  return [title, description].filter(Boolean).join(': ') || operation.name
}

// An array index in a template literal type: the text `${number}`, written into the file.
const NUMBER_SLOT = '$' + '{number}'

/** The lookup fields as a union of path types; an array's items are `${number}` (`data.0.x`). */
function lookupUnion(lookups: FieldLookup[]): string {
  const paths = [...new Set(lookups.map((lookup) => lookup.path))].sort(compareText)
  if (paths.length === 0) return 'never'
  return paths
    .map((path) =>
      path.split('.').includes('*')
        ? `\`${path
            .split('.')
            .map((segment) => (segment === '*' ? NUMBER_SLOT : templateText(segment)))
            .join('.')}\``
        : JSON.stringify(path),
    )
    .join(' | ')
}

/** A property name as written in a type: bare when it is an identifier, else a string literal. */
function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name)
    ? name
    : `'${JSON.stringify(name).slice(1, -1).replace(/'/g, "\\'")}'`
}

function templateText(text: string): string {
  return text.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${')
}

/** A name no other type of the file has; a clash of sanitised names gets a number and a note. */
function unique(name: string, used: Set<string>, ref: string, notes: string[]): string {
  let candidate = name
  for (let n = 2; used.has(candidate); n++) candidate = `${name}${n}`
  if (candidate !== name) {
    notes.push(`${ref}: two operations make the type name ${name}; one is named ${candidate}`)
  }
  used.add(candidate)
  return candidate
}

function sortTargets(targets: readonly TypesTarget[]): TypesTarget[] {
  const seen = new Map<string, TypesTarget>()
  for (const t of targets) seen.set(`${t.name}@${t.version}`, { name: t.name, version: t.version })
  return [...seen.values()].sort(
    (a, b) => compareText(a.name, b.name) || compareVersions(a.version, b.version),
  )
}

/** Code-unit order: the same in every locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Text that cannot end the comment it sits in (block or line), nor control a terminal. */
function comment(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(CONTROL, ' ')
}
