// Validation throughput of @traykit/core's validateInput (@cfworker/json-schema underneath, no
// code generation, so it runs on Workers) against ajv compiling the same schema to code (which
// Workers forbid), on Slack send_message inputs: one valid, one with four problems.
// Both collect every error (ajv's allErrors), so the work compared is the same.
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import { validateInput } from '../../packages/core/dist/index.js'
import { median } from '../_lib/median.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const fixture = join(
  here,
  '../../packages/core/src/input-schema/__fixtures__/slack-operations.json',
)

const WARMUP_OPS = 20_000
const ROUNDS = 5
const ROUND_MS = 400
const MAX_OPS_PER_ROUND = 5_000_000

const inputs = {
  valid: { channel_id: 'C024BE91L', message: 'Deploy finished', time: 'in 5 minutes' },
  // Missing time and channel_id, a number for a string, an unknown field.
  invalid: { message: 42, chanel_id: 'C024BE91L', workspace_id: 'T1' },
}

/** Operations per second of `fn`: the median of a few time-boxed, count-capped rounds. */
function opsPerSecond(fn) {
  for (let i = 0; i < WARMUP_OPS; i++) fn()
  const rates = []
  for (let round = 0; round < ROUNDS; round++) {
    let ops = 0
    const start = performance.now()
    let elapsed = 0
    while (elapsed < ROUND_MS && ops < MAX_OPS_PER_ROUND) {
      for (let i = 0; i < 1000; i++) fn()
      ops += 1000
      elapsed = performance.now() - start
    }
    rates.push(ops / (elapsed / 1000))
  }
  return median(rates)
}

export default async function () {
  const { elements } = JSON.parse(await readFile(fixture, 'utf8'))
  const operation = elements.find((op) => op.name === 'send_message')

  // ajv would fetch Tray's $schema URL as a meta-schema, and rejects unknown keywords in strict
  // mode: drop the URL, declare Tray's annotations as keywords with no validation.
  const { $schema: _trayUrl, ...schema } = operation.inputSchema
  const ajv = new Ajv({ allErrors: true })
  for (const keyword of ['lookup', 'advanced', 'enumLabels']) ajv.addKeyword({ keyword })
  const ajvValidate = ajv.compile(schema)

  const rows = []
  for (const [kind, input] of Object.entries(inputs)) {
    const ours = validateInput(operation, input)
    if (ours.valid !== ajvValidate(input) || ours.valid !== (kind === 'valid')) {
      throw new Error(`validateInput and ajv disagree on the ${kind} input`)
    }
    const ajvRate = opsPerSecond(() => ajvValidate(input))
    const ourRate = opsPerSecond(() => validateInput(operation, input))
    rows.push({
      name: `core: validateInput, Slack send_message, ${kind} input`,
      unit: 'ops/s',
      value: ourRate,
      baseline: { name: 'ajv 8.20.0, compiled, allErrors (Node only)', value: ajvRate },
      higherIsBetter: true,
    })
  }
  return rows
}
