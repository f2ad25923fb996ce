import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTrayClient } from '@traykit/core'
import { build } from 'tsdown'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../__fixtures__/temp-dir'
import { createCliMock, MOCK_TOKEN, MOCK_URL } from '../client/create-cli-mock'
import { generateTypes, resolveTargets } from './generate-tray-types'

const here = dirname(fileURLToPath(import.meta.url))
const coreRoot = join(here, '../../../../packages/core')

let source: string

beforeAll(async () => {
  const mock = await createCliMock()
  const tray = createTrayClient({ baseUrl: MOCK_URL, fetch: mock.fetch, token: MOCK_TOKEN })
  const targets = await resolveTargets({ tray, all: true, allVersions: true })
  source = (await generateTypes(tray, targets)).source
})

/** A project with the generated module, the usage fixture and `@traykit/core` at `core`. */
async function project(core: string): Promise<string> {
  const dir = await tempDir()
  await mkdir(join(dir, 'node_modules/@traykit'), { recursive: true })
  await symlink(core, join(dir, 'node_modules/@traykit/core'), 'dir')
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }')
  await writeFile(join(dir, 'tray-types.ts'), source)
  await writeFile(
    join(dir, 'usage.ts'),
    await readFile(join(here, '__fixtures__/typed-usage.ts'), 'utf8'),
  )
  return dir
}

/** tsc's errors for the project under `strict`, as `file(line): message`. */
function compile(
  dir: string,
  resolution: 'bundler' | 'node16',
  files = ['tray-types.ts', 'usage.ts'],
): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    ...(resolution === 'bundler'
      ? { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }
      : { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }),
  }
  const program = ts.createProgram(
    files.map((file) => join(dir, file)),
    options,
  )
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.slice(dir.length + 1)}(${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})`
      : ''
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
  })
}

describe('the generated module of the whole mock catalog', () => {
  it('compiles under strict and types the calls of a plain client (core from source)', async () => {
    const dir = await project(coreRoot)
    expect(compile(dir, 'bundler')).toEqual([])
  })

  it('compiles on its own, in a program where nothing else imports @traykit/core', async () => {
    const dir = await project(coreRoot)
    expect(compile(dir, 'bundler', ['tray-types.ts'])).toEqual([])
  })

  it('registers through the built d.ts of the root and the lean entry (bundler and node16)', async () => {
    // A copy of core as npm installs it: the build's dist and publishConfig's exports.
    const built = await tempDir()
    await build({
      cwd: coreRoot,
      config: join(coreRoot, 'tsdown.config.ts'),
      outDir: join(built, 'dist'),
      logLevel: 'silent',
    })
    const manifest = JSON.parse(await readFile(join(coreRoot, 'package.json'), 'utf8'))
    await writeFile(
      join(built, 'package.json'),
      JSON.stringify({ ...manifest, exports: manifest.publishConfig.exports }),
    )
    await symlink(join(coreRoot, 'node_modules'), join(built, 'node_modules'), 'dir')
    const dir = await project(built)
    expect(compile(dir, 'bundler')).toEqual([])
    expect(compile(dir, 'node16')).toEqual([])
  })

  it('fails to compile a wrong call: the @ts-expect-error lines are real errors', async () => {
    const dir = await project(coreRoot)
    // Without the generated module nothing is typed, so every directive is unused.
    await writeFile(join(dir, 'tray-types.ts'), source.slice(0, source.indexOf('declare module')))
    const errors = compile(dir, 'bundler')
    expect(errors.filter((e) => e.includes("Unused '@ts-expect-error' directive")).length).toBe(6)
  })
})
