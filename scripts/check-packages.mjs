// Checks the packages as users get them: packs each publishable package with pnpm (which
// applies publishConfig and pins workspace versions), lints the tarballs with publint and
// Are the Types Wrong, installs them all together with npm into a project outside the workspace
// (with their peers, as a user would), and there runs a plain Node ESM script, type-checks a
// TypeScript file that imports them, and runs the docs as tests (scripts/docs-test): every
// README TypeScript block and example, type-checked and run against the mock.
// `--keep` leaves that project in place (its path is printed) for
// `node scripts/docs-test/docs-test.mjs <path>`.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { checkPackedReadme } from './docs-test/check-packed-readme.mjs'
import { runDocsTests } from './docs-test/docs-test.mjs'

const root = resolve(import.meta.dirname, '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const run = (cmd, args, cwd, { quiet = false } = {}) => {
  process.stdout.write(`$ ${[cmd, ...args].join(' ')}\n`)
  const out = execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  })
  if (!quiet && out.trim()) process.stdout.write(`${out.trimEnd()}\n`)
  return out
}
// CI reaches this through `npx pnpm run check`, where pnpm itself may not be on PATH; pnpm
// names itself in npm_execpath, as a script for node or as a native executable.
const execpath = process.env.npm_execpath ?? ''
const pnpm = !/pnpm/.test(execpath)
  ? ['pnpm']
  : /\.[cm]?js$/.test(execpath)
    ? [process.execPath, execpath]
    : [execpath]

const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'))
const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const keep = flags.includes('--keep')
const packages = ['packages', 'apps']
  .flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(root, dir, name)))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private)
  // `node scripts/check-packages.mjs @traykit/core` checks only the packages named.
  .filter(({ manifest }) => names.length === 0 || names.includes(manifest.name))
const all = names.length === 0
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const edgeManifest = JSON.parse(readFileSync(join(root, 'packages/edge/package.json'), 'utf8'))
const mcpManifest = JSON.parse(readFileSync(join(root, 'packages/mcp/package.json'), 'utf8'))
// What a user installs beside the packages, at the versions the workspace tests with: the peers
// (hono, @hono/node-server, vitest for @traykit/testing/vitest) and a TypeScript toolchain.
const extras = {
  hono: edgeManifest.devDependencies.hono,
  '@hono/node-server': edgeManifest.devDependencies['@hono/node-server'],
  // @traykit/mcp's peers: the MCP SDK, and @hono/mcp for its HTTP handler.
  '@modelcontextprotocol/sdk': mcpManifest.devDependencies['@modelcontextprotocol/sdk'],
  '@hono/mcp': mcpManifest.devDependencies['@hono/mcp'],
  typescript: rootManifest.devDependencies.typescript,
  '@types/node': rootManifest.devDependencies['@types/node'],
  vitest: rootManifest.devDependencies.vitest,
}

const work = mkdtempSync(join(tmpdir(), 'traykit-pack-'))
try {
  const tarballs = {}
  const readmeProblems = []
  for (const { dir, manifest } of packages) {
    const out = run(
      pnpm[0],
      [...pnpm.slice(1), 'pack', '--pack-destination', work, '--json'],
      dir,
      {
        quiet: true,
      },
    )
    const file = JSON.parse(out).filename
    tarballs[manifest.name] = file
    run(bin('publint'), ['run', file, '--strict'], root)
    for (const field of ['repository', 'homepage', 'bugs'])
      if (!manifest[field]) readmeProblems.push(`${manifest.name}: package.json has no ${field}`)
    if (manifest.repository && manifest.repository.directory !== relative(root, dir))
      readmeProblems.push(`${manifest.name}: repository.directory is not ${relative(root, dir)}`)
    readmeProblems.push(...checkPackedReadme(file).map((p) => `${manifest.name}: ${p}`))
    // ESM-only packages: CommonJS resolution is out of scope on purpose. A bin-only package
    // (the CLI) has no types to check.
    if (manifest.exports)
      run(bin('attw'), [file, '--profile', 'esm-only', '--no-emoji', '--format', 'ascii'], root)
  }

  if (readmeProblems.length) {
    // Reported after the install and the docs tests, so one run shows every problem.
    process.exitCode = 1
  }

  const app = join(work, 'app')
  mkdirSync(app)
  const deps = Object.fromEntries(
    Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]),
  )
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'traykit-consumer',
      private: true,
      type: 'module',
      dependencies: { ...deps, ...(all ? extras : {}) },
      // The packages depend on each other by version; point those at the tarballs too.
      overrides: Object.fromEntries(Object.keys(deps).map((name) => [name, `$${name}`])),
    }),
  )
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app)

  const has = (name) => name in tarballs
  writeFileSync(
    join(app, 'consumer.mjs'),
    `
import { createTrayClient, TrayValidationError } from '@traykit/core'
${has('@traykit/testing') ? "import { createMockTray } from '@traykit/testing'" : ''}
const assert = (ok, what) => { if (!ok) { console.error('FAILED: ' + what); process.exit(1) } }
assert(typeof createTrayClient === 'function', 'createTrayClient is exported')
${
  has('@traykit/testing')
    ? `
const mock = createMockTray()
const tray = createTrayClient({ baseUrl: 'http://tray.test', fetch: mock.fetch, token: 'consumer-token' })
const slack = await tray.getConnector('slack')
assert(slack.name === 'slack', 'latest slack connector is listed')
const error = await tray.callConnector('slack', slack.version, { operation: 'send_message', input: {} }).catch((e) => e)
assert(error instanceof TrayValidationError, 'invalid input is refused before sending')
assert(mock.tasks === 0, 'nothing was billed')
`
    : ''
}
console.log('consumer.mjs: ok')
`,
  )
  run('node', ['consumer.mjs'], app)

  writeFileSync(
    join(app, 'consumer.ts'),
    `
import { createTrayClient, type Connector, type TrayClient } from '@traykit/core'
const tray: TrayClient = createTrayClient({ token: 'x', region: 'eu1' })
export async function latest(name: string): Promise<Connector> {
  return tray.getConnector(name)
}
${has('@traykit/testing') ? "import { createMockTray } from '@traykit/testing'\nexport const mock = createMockTray()" : ''}
${has('@traykit/edge') ? "import { createTrayHandler } from '@traykit/edge'\nexport const handler = createTrayHandler({ token: 'x', public: true })" : ''}
${has('@traykit/mcp') && all ? "import { createTrayMcpServer } from '@traykit/mcp'\nimport { createTrayMcpHandler } from '@traykit/mcp/http'\nexport const mcpServer = createTrayMcpServer({ tray, allow: { slack: ['send_message'] } })\nexport const mcpHandler = createTrayMcpHandler({ token: 'x', public: true })" : ''}
`,
  )
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        lib: ['ES2022', 'DOM'],
        types: [],
      },
      files: ['consumer.ts'],
    }),
  )
  run(bin('tsc'), ['-p', join(app, 'tsconfig.json')], app)

  if (has('@traykit/cli')) {
    const out = run(
      join(app, 'node_modules', '.bin', 'traykit'),
      ['--mock', 'connectors', '--json'],
      app,
    )
    if (!Array.isArray(JSON.parse(out).elements)) {
      throw new Error('traykit --mock connectors --json did not print the connector list')
    }
  }
  console.log(`check-packages: ${Object.keys(tarballs).join(', ')} ok`)

  for (const problem of readmeProblems) console.error(`FAILED: ${problem}`)

  if (all) {
    console.log('docs-test: every README TypeScript block and example, against the packs')
    const failed = await runDocsTests({ root, app })
    if (failed) {
      process.exitCode = 1
      console.error(`docs-test: ${failed} block(s) failed (see above)`)
    }
  }
} finally {
  if (keep) console.log(`check-packages: kept ${join(work, 'app')}`)
  else rmSync(work, { recursive: true, force: true })
}
