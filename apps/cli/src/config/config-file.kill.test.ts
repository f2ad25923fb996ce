// saveConfig under SIGKILL: a child process saves two large configs in turn, and is killed at a
// random moment, again and again. Whatever the moment, the file must be one of them, whole.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { build } from 'tsdown'
import { beforeAll, expect, it } from 'vitest'
import { tempDir } from '../__fixtures__/temp-dir'
import { readConfig, saveConfig, type TraykitConfig } from './config-file'

// Kills go on until this many have landed mid-write (a temporary file left behind), which takes
// about 20 kills; the bound keeps a run short should the machine make that rare.
const MID_WRITE_KILLS = 6
const MAX_KILLS = 60

let script: string

beforeAll(async () => {
  const outDir = await tempDir()
  await build({
    cwd: join(import.meta.dirname, '../..'),
    config: false,
    entry: { 'save-config-loop': 'src/__fixtures__/save-config-loop.ts' },
    outDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    fixedExtension: true,
    dts: false,
    logLevel: 'silent',
  })
  script = join(outDir, 'save-config-loop.mjs')
})

/** About 1 MB of profiles, so that a save takes long enough to be killed in the middle. */
function largeConfig(label: string): TraykitConfig {
  const entries = Array.from({ length: 5000 }, (_, i) => [
    `${label}-${i}`,
    { token: `${label}_${i}_${'x'.repeat(150)}`, region: 'eu1' },
  ])
  return { profiles: Object.fromEntries(entries) }
}

/** Starts the saving child, and resolves once its first save is done. */
async function startSaving(path: string, files: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, path, ...files], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (out.includes('saving')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`the saving child ended first (exit ${code})`)))
  })
  return child
}

it('leaves the old or the new config whole, whenever the writer is killed', async () => {
  const dir = join(await tempDir(), 'traykit')
  const path = join(dir, 'config.json')
  const configs = [largeConfig('old'), largeConfig('new')]
  const texts = configs.map((config) => JSON.stringify(config))
  const files = await Promise.all(
    configs.map(async (config, i) => {
      const file = join(dirname(dir), `config-${i}.json`)
      await writeFile(file, JSON.stringify(config))
      return file
    }),
  )
  await saveConfig(path, configs[0]!)

  let kills = 0
  let midWrite = 0
  while (midWrite < MID_WRITE_KILLS && kills < MAX_KILLS) {
    const child = await startSaving(path, [files[1]!, files[0]!])
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 60))
    const exited = once(child, 'exit')
    child.kill('SIGKILL')
    await exited
    kills++

    const text = await readFile(path, 'utf8')
    expect(texts).toContain(JSON.stringify(JSON.parse(text)))
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    // All a killed writer leaves is its own temporary file, which no reader opens.
    const others = (await readdir(dir)).filter((name) => name !== 'config.json')
    const temporary = new RegExp(`^\\.config\\.json\\.${child.pid}\\.[0-9a-f]+\\.tmp$`)
    for (const name of others) expect(name).toMatch(temporary)
    if (others.length > 0) midWrite++
  }

  console.log(
    `${kills} kills, ${midWrite} of them between a temporary file's creation and its rename`,
  )
  // Kills that land mid-write are what this test is about.
  expect(midWrite).toBeGreaterThan(0)
  // The next save removes what killed writers left, and the file reads back.
  await saveConfig(path, configs[1]!)
  expect(await readdir(dir)).toEqual(['config.json'])
  expect((await readConfig(path)).config).toEqual(configs[1])
  expect((await stat(dir)).mode & 0o777).toBe(0o700)
})
