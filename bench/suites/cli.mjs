// Cold start of the traykit bin: `traykit --help` and `traykit --mock connectors --json`,
// each against `node -e 0` (Node's own start-up) measured in the same run, interleaved so
// that machine noise hits all three alike. Median of bounded runs.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median } from '../_lib/median.mjs'

const app = join(dirname(fileURLToPath(import.meta.url)), '../../apps/cli')
const cli = join(app, JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).bin.traykit)
const RUNS = 15

/** Milliseconds for one run of `node ...args`, which must exit 0. */
function time(args) {
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {
    stdio: 'pipe',
    timeout: 10_000,
    env: { PATH: process.env.PATH },
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return ms
}

export default async function () {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first`)
  const cases = {
    node: ['-e', '0'],
    help: [cli, '--help'],
    mock: [cli, '--mock', 'connectors', '--json'],
  }
  // One untimed round warms the file system cache.
  for (const args of Object.values(cases)) time(args)
  const samples = { node: [], help: [], mock: [] }
  for (let i = 0; i < RUNS; i++) {
    for (const [name, args] of Object.entries(cases)) samples[name].push(time(args))
  }
  const baseline = { name: `node -e 0 (median of ${RUNS})`, value: median(samples.node) }
  return [
    {
      name: `cli: traykit --help cold start (median of ${RUNS})`,
      unit: 'ms',
      value: median(samples.help),
      baseline,
      higherIsBetter: false,
      target: '<= 1.6',
    },
    {
      name: `cli: traykit --mock connectors --json cold start (median of ${RUNS})`,
      unit: 'ms',
      value: median(samples.mock),
      baseline,
      higherIsBetter: false,
    },
  ]
}
