// The docs as tests: every TypeScript block of the READMEs and every example's source is
// type-checked (strict; moduleResolution bundler and node16) and run against the mock Tray,
// inside a project where the packed packages were installed with npm (scripts/check-packages.mjs
// makes it). One line per block, then `N passed, N failed`; any failure fails the run.
// Alone, against a project kept with `node scripts/check-packages.mjs --keep`:
//   node scripts/docs-test/docs-test.mjs <that project>
import { spawn as spawnChild } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { checkExcerpt } from './check-excerpt.mjs'
import { extractAll } from './extract-blocks.mjs'

const here = import.meta.dirname

/** Type-checks and runs every block inside `app`; returns the number of failed blocks. */
export async function runDocsTests({
  root,
  app,
  log = (line) => process.stdout.write(`${line}\n`),
}) {
  const docs = join(app, 'docs')
  rmSync(docs, { recursive: true, force: true })
  mkdirSync(docs, { recursive: true })
  const blocks = extractAll(root).concat(consumerBlocks())

  for (const block of blocks) {
    block.skip = block.directives.find((d) => d.kind === 'skip')?.arg
    block.typecheckOnly = block.directives.find((d) => d.kind === 'typecheck-only')?.arg
    // A block that imports vitest is a test file: vitest runs it.
    block.vitest =
      block.directives.some((d) => d.kind === 'vitest') || /from ['"]vitest['"]/.test(block.code)
    block.throws = block.directives.find((d) => d.kind === 'throws')?.arg
    block.typed = block.directives.some((d) => d.kind === 'with-generated-types')
    block.excerpt = block.directives.find((d) => d.kind === 'excerpt')?.arg
    block.writes = block.directives.find((d) => d.kind === 'writes')?.arg
    block.errors = []
    if (block.skip || block.excerpt) continue
    const preludes = block.directives
      .filter((d) => d.kind === 'prepend')
      .flatMap((d) => d.arg.split(/[\s,]+/))
      .map((name) => readFileSync(join(here, 'preludes', `${name}.ts`), 'utf8'))
    const prelude = preludes.join('')
    block.offset = prelude.split('\n').length - 1
    // Examples keep their folder layout (a test imports its module by relative path).
    block.ts = block.example
      ? join(docs, block.file)
      : join(docs, block.vitest ? `${block.id}.test.ts` : `${block.id}.ts`)
    mkdirSync(dirname(block.ts), { recursive: true })
    writeFileSync(block.ts, prelude + block.code)
  }
  const checked = blocks.filter((b) => !b.skip && !b.excerpt)
  const ts = createRequire(join(app, 'package.json'))('typescript')

  // The typed blocks' module, made as a user makes it: the packed CLI types the mock's catalog.
  const generated = join(docs, 'tray-types.ts')
  const needGenerated = blocks.filter((b) => b.typed || b.excerpt)
  const generateError = needGenerated.length ? await generateTypes(app, generated) : undefined
  if (generateError) for (const block of needGenerated) block.errors.push(generateError)
  for (const block of needGenerated.filter((b) => b.excerpt && !generateError)) {
    const { problems, checked: count } = checkExcerpt(
      ts,
      block.code,
      readFileSync(generated, 'utf8'),
    )
    block.errors.push(...problems.map((p) => `excerpt: ${p}`))
    block.notes = [`${count} declarations found in the generated module`]
  }

  // (a) Type checks, with the consumer's own TypeScript and @types/node. The typed blocks get
  // their own program: the generated module would type every other block's calls too.
  const globals = join(docs, 'runtime-globals.d.ts')
  copyFileSync(join(here, 'runtime-globals.d.ts'), globals)
  const typed = checked.filter((b) => b.typed && !generateError)
  const untyped = checked.filter((b) => !b.typed)
  const checks = [typecheck(app, docs, '', [globals], untyped)]
  if (typed.length)
    checks.push(typecheck(app, docs, 'generated-types.', [globals, generated], typed))
  // (b) Runs. Plain blocks go through runner.mjs in one process; vitest files through vitest.
  const runnable = checked.filter((b) => !b.typecheckOnly && !b.vitest)
  for (const block of runnable) {
    block.js = block.ts.replace(/\.ts$/, '.js')
    const { outputText } = ts.transpileModule(readFileSync(block.ts, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    writeFileSync(block.js, outputText)
  }
  copyFileSync(join(here, 'runner.mjs'), join(docs, 'runner.mjs'))
  writeFileSync(
    join(docs, 'manifest.json'),
    JSON.stringify(
      runnable.map(({ id, js, throws, code, writes }) => ({
        id,
        js,
        throws,
        // A block that writes a file runs in a folder of its own, made fresh.
        cwd: writes ? join(docs, 'cwd', id) : undefined,
        writes,
        // A block that calls serve(...) of @hono/node-server must log its address.
        listens: /\bserve\(\s*\{\s*fetch\b/.test(code) && /from '@hono\/node-server'/.test(code),
      })),
    ),
  )
  const runs = spawn(
    process.execPath,
    [join(docs, 'runner.mjs'), join(docs, 'manifest.json')],
    app,
  ).then((ran) => {
    const results = new Map(
      ran.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l))
        .map((r) => [r.id, r]),
    )
    for (const block of runnable) {
      const result = results.get(block.id)
      if (!result)
        block.errors.push(
          `run: the runner stopped before it (${ran.stderr.trim().split('\n').at(-1)})`,
        )
      else if (!result.ok)
        block.errors.push(
          `run: ${result.error}${result.output ? `\noutput: ${result.output}` : ''}`,
        )
      else block.notes = result.notes
    }
  })
  const tests = checked.filter((b) => b.vitest)
  const report = join(docs, 'vitest-report.json')
  const vitest = spawn(
    process.execPath,
    [
      join(app, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--root',
      docs,
      '--reporter=json',
      `--outputFile=${report}`,
      ...tests.map((b) => relative(docs, b.ts)),
    ],
    docs,
  ).then((result) => {
    const files = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')).testResults : []
    for (const block of tests) {
      const file = files.find((f) => resolve(f.name) === block.ts)
      if (!file)
        block.errors.push(
          `run (vitest): not run\n${(result.stdout + result.stderr).trim().split('\n').slice(-20).join('\n')}`,
        )
      else if (file.status !== 'passed')
        block.errors.push(
          `run (vitest): ${[file.message, ...file.assertionResults.flatMap((t) => (t.status === 'failed' ? [`${t.fullName}: ${t.failureMessages.join('\n').split('\n').slice(0, 6).join('\n')}`] : []))].filter(Boolean).join('\n')}`,
        )
    }
  })
  // Two cores: the type checks at once, then the runner beside vitest.
  await Promise.all(checks)
  await Promise.all([runs, vitest])
  // What the blocks wrote in TypeScript (a generated module) must compile, each in a program
  // without the docs, beside a file that uses @traykit/core as a user's program does (an
  // augmentation alone does not bring the module it augments into the program).
  const wrote = runnable.filter((b) => b.writes?.endsWith('.ts') && !b.errors.length)
  await Promise.all(
    wrote.map((block) => {
      // Its errors are the block's, located in the file it wrote.
      const file = { ts: join(docs, 'cwd', block.id, block.writes), line: 1, offset: 0 }
      file.file = `${block.writes} (written by ${block.name})`
      file.errors = block.errors
      const user = join(docs, 'cwd', block.id, 'uses-core.ts')
      writeFileSync(
        user,
        "import type { TrayOperations } from '@traykit/core'\n" +
          // A generated module must register operations on the client's types.
          (readFileSync(file.ts, 'utf8').includes("declare module '@traykit/core'")
            ? "export const registered: [keyof TrayOperations] extends [never] ? 'nothing registered' : true = true\n"
            : 'export type Registered = keyof TrayOperations\n'),
      )
      return typecheck(app, docs, `written-${block.id}.`, [globals, user], [file]).then(() => {
        if (!block.errors.length) block.notes.push(`${block.writes} type-checks`)
      })
    }),
  )

  let passed = 0
  let failed = 0
  for (const block of blocks) {
    if (block.skip) {
      log(`skip ${block.name} (${block.skip})`)
      continue
    }
    const checkedAs = block.typed ? 'typecheck with the generated types' : 'typecheck'
    const how = block.excerpt
      ? `excerpt of the generated types: ${block.notes?.join('; ')}`
      : block.typecheckOnly
        ? `${checkedAs} only: ${block.typecheckOnly}`
        : block.vitest
          ? `${checkedAs}, vitest`
          : `${checkedAs}, run${block.notes?.length ? `; ${block.notes.join('; ')}` : ''}`
    if (block.errors.length) {
      failed++
      log(`FAIL ${block.name}`)
      for (const error of block.errors) log(`      ${error.replaceAll('\n', '\n      ')}`)
    } else {
      passed++
      log(`ok   ${block.name} (${how})`)
    }
  }
  log(`${passed} passed, ${failed} failed`)
  return failed
}

/**
 * Type-checks `blocks` in one program with `extra` files, under `moduleResolution` bundler and
 * node16; each error goes to the block of its file (another file's to the first block).
 */
function typecheck(app, docs, prefix, extra, blocks) {
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc')
  const files = [...extra, ...blocks.map((b) => b.ts)].map((f) => relative(docs, f))
  const resolutions = [
    ['bundler', 'preserve', 'bundler'],
    ['node16', 'node16', 'node16'],
  ]
  return Promise.all(
    resolutions.map(async ([name, module, moduleResolution]) => {
      const config = join(docs, `tsconfig.${prefix}${name}.json`)
      writeFileSync(
        config,
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module,
            moduleResolution,
            moduleDetection: 'force',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            types: ['node'],
          },
          files,
        }),
      )
      const result = await spawn(process.execPath, [tsc, '-p', config, '--pretty', 'false'], docs)
      let found = 0
      for (const line of result.stdout.split('\n')) {
        const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line)
        if (!m) continue
        found++
        const file = resolve(docs, m[1])
        const block = blocks.find((b) => b.ts === file)
        const where = block
          ? `${block.file}:${block.line + Number(m[2]) - 1 - block.offset}`
          : relative(docs, file)
        ;(block ?? blocks[0]).errors.push(`${name}: ${where} ${m[4]} ${m[5]}`)
      }
      if (result.status !== 0 && !found)
        throw new Error(`tsc (${name}) failed: ${result.stdout}${result.stderr}`)
    }),
  )
}

/** Writes the mock catalog's module with the packed CLI; returns what went wrong, if anything. */
async function generateTypes(app, out) {
  const cli = join(app, 'node_modules', '@traykit', 'cli')
  const bin = JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8')).bin.traykit
  const args = ['--mock', 'generate', 'types', '--all', '--out', out]
  const result = await spawn(process.execPath, [join(cli, bin), ...args], app)
  if (result.status === 0 && existsSync(out)) return undefined
  return `traykit ${args.slice(0, -1).join(' ')} <docs>/tray-types.ts failed (exit ${result.status}): ${(result.stderr || result.stdout).trim().slice(0, 500)}`
}

/** Runs a command to its end, with its output; never rejects on a non-zero exit. */

function spawn(command, args, cwd) {
  return new Promise((done, fail) => {
    const child = spawnChild(command, args, { cwd, env: { ...process.env, CI: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 5 * 60_000)
    child.on('error', fail)
    child.on('close', (status) => {
      clearTimeout(timer)
      done({ status, stdout, stderr })
    })
  })
}

/** Blocks of the consumer check itself: what the READMEs promise across packages. */
function consumerBlocks() {
  return ['mount-mock.ts'].map((name) => ({
    file: `scripts/docs-test/consumer/${name}`,
    line: 1,
    code: readFileSync(join(here, 'consumer', name), 'utf8'),
    directives: [],
    example: false,
    id: `consumer-${name.replace(/\.ts$/, '')}`,
    name: `scripts/docs-test/consumer/${name}`,
  }))
}

if (process.argv[1] === import.meta.filename) {
  const app = resolve(process.argv[2] ?? '')
  if (!process.argv[2])
    throw new Error('usage: node scripts/docs-test/docs-test.mjs <consumer project>')
  const failed = await runDocsTests({ root: resolve(here, '..', '..'), app })
  process.exitCode = failed ? 1 : 0
}
