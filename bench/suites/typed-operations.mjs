// `traykit generate types`: how long generating the whole mock catalog takes (the bin, against
// `traykit --mock connectors`, which reads the same catalog), and what the generated module costs
// tsc: a file calling one connector with its types against the same file untyped (target <= 1.5),
// and for 1, 10 and 100 connectors (copies of the mock catalog's under other names). Medians of
// bounded, interleaved runs of the real `tsc`, on core's built d.ts as a user installs it.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleDist } from '../_lib/bundle-dist.mjs'
import { median } from '../_lib/median.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const cliApp = join(root, 'apps/cli')
const cli = join(cliApp, 'dist/cli.cjs')
const core = join(root, 'packages/core')
const tsc = join(root, 'node_modules/typescript/bin/tsc')
const RUNS = 5

/** Milliseconds of `node ...args`, which must exit 0. */
function time(args, cwd) {
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'pipe', timeout: 120_000 })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) {
    throw new Error(
      `node ${args.join(' ')} exited ${result.status}: ${result.stdout}${result.stderr}`,
    )
  }
  return ms
}

/** Medians of interleaved runs of each case. */
function medians(cases, cwd) {
  for (const args of Object.values(cases)) time(args, cwd)
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
  for (let i = 0; i < RUNS; i++) {
    for (const [name, args] of Object.entries(cases)) samples[name].push(time(args, cwd))
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]))
}

/** A project with core installed from its build, `files` written, and one tsconfig per entry. */
async function project(dir, files) {
  const installed = join(dir, 'node_modules/@traykit/core')
  await mkdir(installed, { recursive: true })
  const manifest = JSON.parse(readFileSync(join(core, 'package.json'), 'utf8'))
  await writeFile(
    join(installed, 'package.json'),
    JSON.stringify({ ...manifest, exports: manifest.publishConfig.exports }),
  )
  await symlink(join(core, 'dist'), join(installed, 'dist'), 'dir')
  await symlink(join(core, 'node_modules'), join(installed, 'node_modules'), 'dir')
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }')
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
}

/** `tsc -p` of a tsconfig compiling `files` under strict. */
async function tsconfig(dir, name, files) {
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM'],
    types: [],
  }
  await writeFile(join(dir, name), JSON.stringify({ compilerOptions: options, files }))
  return [tsc, '-p', name]
}

const usage = (
  connector,
  version,
  operation,
  input,
) => `import { createTrayClient } from '@traykit/core'
const tray = createTrayClient({ token: 'x' })
export const output = await tray.callConnector('${connector}', '${version}', {
  operation: '${operation}',
  input: ${JSON.stringify(input)},
})
`

export default async function () {
  if (!existsSync(cli) || !existsSync(join(core, 'dist/index.d.ts'))) {
    throw new Error('apps/cli and packages/core are not built: run `pnpm build` first')
  }
  const rows = []
  const generation = medians({
    generate: [cli, '--mock', 'generate', 'types', '--all', '--all-versions'],
    list: [cli, '--mock', 'connectors', '--all-versions', '--json'],
  })
  rows.push({
    name: 'typed operations: traykit --mock generate types --all --all-versions (the whole mock catalog)',
    unit: 'ms',
    value: generation.generate,
    baseline: { name: 'traykit --mock connectors --all-versions --json', value: generation.list },
    higherIsBetter: false,
  })

  const { generateTrayTypes } = await import(join(cliApp, 'dist/generate.mjs'))
  const catalog = await bundleDist('testing', { '@traykit/testing': ['defaultCatalog'] })
  const dir = await mkdtemp(join(tmpdir(), 'traykit-bench-typed-'))
  try {
    const { defaultCatalog } = await import(catalog.file)
    // slack 9.1 (the connector the file calls), then the mock's connectors copied under
    // numbered names, to make larger catalogs.
    const slack = defaultCatalog.connectors.find((c) => c.name === 'slack' && c.version === '9.1')
    const synthetic = (count) => [
      slack,
      ...Array.from({ length: count - 1 }, (_, i) => {
        const copy = defaultCatalog.connectors[i % defaultCatalog.connectors.length]
        return { ...copy, name: `${copy.name}-${i + 1}` }
      }),
    ]
    const reader = (connectors) => ({
      listConnectors: async () => connectors,
      getConnector: async (name, version) =>
        connectors.find((c) => c.name === name && (version === undefined || c.version === version)),
      listOperations: async (name, version) =>
        connectors.find((c) => c.name === name && c.version === version).operations,
    })
    const input = { channel: 'C1', text: 'hi' }
    const files = { 'untyped.ts': usage('slack', '9.1', 'send_message', input) }
    const sizes = {}
    for (const count of [1, 10, 100]) {
      const connectors = synthetic(count)
      const source = await generateTrayTypes({ tray: reader(connectors), all: true })
      files[`types-${count}.ts`] = source
      sizes[count] = Buffer.byteLength(source)
    }
    await project(dir, files)
    const cases = { untyped: await tsconfig(dir, 'untyped.json', ['untyped.ts']) }
    for (const count of [1, 10, 100]) {
      cases[count] = await tsconfig(dir, `typed-${count}.json`, ['untyped.ts', `types-${count}.ts`])
    }
    const tscMs = medians(cases, dir)
    for (const count of [1, 10, 100]) {
      rows.push({
        name: `typed operations: tsc of one slack call with ${count} connector${count > 1 ? 's’' : '’s'} types (${(sizes[count] / 1024).toFixed(0)} KiB module)`,
        unit: 'ms',
        value: tscMs[count],
        baseline: { name: 'the same file untyped', value: tscMs.untyped },
        higherIsBetter: false,
        ...(count === 1 ? { target: '<= 1.5' } : {}),
      })
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
    await catalog.remove()
  }
  return rows
}
