// Runs every benchmark suite in bench/suites, prints one table, writes bench/results.json.
// Figures are only ever read as ratios against a baseline measured in the same run.
import { readdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * @typedef {object} BenchRow
 * @property {string} name
 * @property {string} unit
 * @property {number} value
 * @property {{ name: string, value: number }} baseline
 * @property {boolean} higherIsBetter
 * @property {string} [target]
 * @property {{ min: number, max: number }} [spread] the lowest and highest ratio of the runs
 *   the figure is the median of, where the suite measured it in rounds
 */

const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const files = (await readdir(join(here, 'suites')))
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort()

const results = []
let failed = false
for (const file of files) {
  const suite = file.replace(/\.mjs$/, '')
  process.stderr.write(`bench: ${suite}…\n`)
  try {
    const { default: run } = await import(pathToFileURL(join(here, 'suites', file)).href)
    /** @type {BenchRow[]} */
    const rows = await run()
    for (const row of rows) {
      const ratio = row.baseline.value === 0 ? null : row.value / row.baseline.value
      results.push({ suite, ...row, ratio, targetMet: meets(ratio, row.target) })
    }
  } catch (error) {
    failed = true
    process.stderr.write(`bench: ${suite} failed: ${error?.stack ?? error}\n`)
  }
}

const fmt = (n) =>
  n === null || n === undefined
    ? '-'
    : Math.abs(n) >= 100
      ? Math.round(n).toLocaleString('en-US')
      : Number(n.toPrecision(3)).toString()
const table = [
  ['suite', 'figure', 'value', 'baseline', 'baseline value', 'ratio', 'target'],
  ...results.map((r) => [
    r.suite,
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline.name,
    `${fmt(r.baseline.value)} ${r.unit}`,
    r.spread ? `${fmt(r.ratio)} (rounds ${fmt(r.spread.min)}–${fmt(r.spread.max)})` : fmt(r.ratio),
    r.target ? `${r.target} ${r.targetMet ? 'met' : 'MISSED'}` : '',
  ]),
]
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)))
for (const [i, row] of table.entries()) {
  console.log(
    row
      .map((cell, j) => String(cell).padEnd(widths[j]))
      .join('  ')
      .trimEnd(),
  )
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
}

const machine = {
  platform: `${os.platform()} ${os.release()}`,
  arch: os.arch(),
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
}
await writeFile(
  join(here, 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`,
)
console.log(
  `\nwrote bench/results.json (${results.length} figures, ${machine.cpus} cpus, node ${machine.node})`,
)
if (failed) process.exitCode = 1

/** Whether a ratio meets a target written like '>= 0.85' or '<= 1.6'. */
function meets(ratio, target) {
  if (!target || ratio === null) return undefined
  const m = /^(<=|>=)\s*([\d.]+)$/.exec(target.trim())
  if (!m) return undefined
  return m[1] === '<=' ? ratio <= Number(m[2]) : ratio >= Number(m[2])
}
