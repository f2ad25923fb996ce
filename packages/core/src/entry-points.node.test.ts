import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { rolldown } from 'rolldown'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

// The lean client must not make a page download the JSON Schema validator before it validates:
// `callConnector` loads it with `import()` on the first validated call. A bundler keeps it out
// of the first download only when nothing the entry imports statically reaches it, and esbuild
// and rolldown split differently (esbuild puts a module reachable both ways in a chunk the entry
// imports statically), so both are checked. What counts is the entry file plus every chunk it
// imports statically, recursively: each of those loads before the page runs.

const src = fileURLToPath(new URL('.', import.meta.url))
const entries = {
  '@traykit/core/client': join(src, 'client.ts'),
  '@traykit/core/lookups': join(src, 'lookups.ts'),
  '@traykit/core/admin': join(src, 'admin.ts'),
  '@traykit/core/forms': join(src, 'forms.ts'),
}

/** A module of the validator: @cfworker/json-schema or core's own validation code. */
const isValidator = (module: string) =>
  /@cfworker[/\\]json-schema/.test(module) || /validate-input\.ts$/.test(module)

interface OutputFile {
  modules: string[]
  imports: string[]
  dynamicImports: string[]
}

/** The source modules of the entry and of every file it imports statically, recursively. */
function eagerModules(entry: string, files: Map<string, OutputFile>): string[] {
  const seen = new Set<string>()
  const walk = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    for (const next of files.get(name)?.imports ?? []) walk(next)
  }
  walk(entry)
  return [...seen].flatMap((name) => files.get(name)?.modules ?? [])
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'traykit-entry-points-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function withEsbuild(app: string) {
  const input = join(dir, `app-${Math.random().toString(36).slice(2)}.js`)
  await writeFile(input, app)
  const result = await build({
    entryPoints: [input],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    outdir: join(dir, 'out'),
    absWorkingDir: dir,
    logLevel: 'silent',
  })
  const files = new Map<string, OutputFile>()
  let entry = ''
  for (const [name, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint === input.slice(dir.length + 1)) entry = name
    files.set(name, {
      modules: Object.keys(meta.inputs),
      imports: meta.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path),
      dynamicImports: meta.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
    })
  }
  return { entry, files }
}

async function withRolldown(app: string) {
  const bundle = await rolldown({
    input: 'app',
    platform: 'browser',
    logLevel: 'silent',
    plugins: [
      {
        name: 'app',
        resolveId: (id) => (id === 'app' ? id : null),
        load: (id) => (id === 'app' ? app : null),
      },
    ],
  })
  try {
    const { output } = await bundle.generate({ format: 'esm' })
    const chunks = output.filter((o) => o.type === 'chunk')
    const files = new Map<string, OutputFile>(
      chunks.map((c) => [
        c.fileName,
        { modules: c.moduleIds, imports: c.imports, dynamicImports: c.dynamicImports },
      ]),
    )
    return { entry: chunks.find((c) => c.isEntry)?.fileName ?? '', files }
  } finally {
    await bundle.close()
  }
}

const bundlers = { esbuild: withEsbuild, rolldown: withRolldown }

describe.each(Object.entries(bundlers))('bundled with %s', (_, bundle) => {
  test('a page that creates a lean client loads the validator only on its first validated call', async () => {
    const app =
      `import { createTrayClient } from ${JSON.stringify(entries['@traykit/core/client'])}\n` +
      `export const tray = createTrayClient({ baseUrl: '/tray' })\n`
    const { entry, files } = await bundle(app)
    const eager = eagerModules(entry, files)

    expect(eager.some((m) => m.endsWith('create-tray-client.ts'))).toBe(true)
    expect(eager.filter(isValidator)).toEqual([])
    // It is still there, behind the import() callConnector makes.
    const all = [...files.values()].flatMap((f) => f.modules)
    expect(all.filter(isValidator).length).toBeGreaterThan(0)
  })

  test.each(['@traykit/core/lookups', '@traykit/core/admin', '@traykit/core/forms'] as const)(
    '%s keeps the validator out of the first download',
    async (name) => {
      const app =
        `import { createTrayClient } from ${JSON.stringify(entries['@traykit/core/client'])}\n` +
        `import * as sub from ${JSON.stringify(entries[name])}\n` +
        `export const tray = createTrayClient({ baseUrl: '/tray' })\n` +
        `export const used = Object.values(sub)\n`
      const { entry, files } = await bundle(app)
      expect(eagerModules(entry, files).filter(isValidator)).toEqual([])
    },
  )
})
