// Every HTTP figure in the suites is read the same way: a run with any non-2xx answer, error or
// timeout measures nothing, and a side's figure is the median of short runs taken in baseline,
// subject, subject, baseline order, so that drift and other load on the machine weigh on both
// sides alike.
import { median } from './median.mjs'

/**
 * One bounded autocannon run; throws unless every answer was a 2xx.
 * @param {{ url: string, method?: string, headers?: Record<string, string>, body?: string,
 *   connections: number, seconds: number }} options
 * @returns {Promise<{ rps: number, p99: number, requests: number }>}
 */
export async function load({ url, method = 'GET', headers, body, connections, seconds }) {
  // Imported when used: the suites' server children import the suite files but send no load.
  const { default: autocannon } = await import('autocannon')
  const result = await autocannon({ url, method, headers, body, connections, duration: seconds })
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${method} ${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    )
  }
  // Every answer over the run's own length: autocannon's per-second average drops a run's last
  // part second, a third of a 1.5 s run.
  const rps = result.requests.total / result.duration
  return { rps, p99: result.latency.p99, requests: result.requests.total }
}

/**
 * Warms up the baseline and the subject, then runs `rounds` of baseline, subject, subject,
 * baseline; resolves with the median of each figure per side, and each round's ratio of the
 * subject's figures to the baseline's (the two runs of a side averaged), so a reader sees how
 * far the rounds of one run agree.
 * @template {Record<string, number>} Figures
 * @param {{ baseline: (seconds: number) => Promise<Figures>,
 *   subject: (seconds: number) => Promise<Figures>, rounds: number, seconds: number,
 *   warmupSeconds: number }} options
 * @returns {Promise<{ baseline: Figures, subject: Figures, roundRatios: Figures[] }>}
 */
export async function loadInTurns({ baseline, subject, rounds, seconds, warmupSeconds }) {
  await baseline(warmupSeconds)
  await subject(warmupSeconds)
  const runs = { baseline: [], subject: [] }
  const roundRatios = []
  for (let round = 0; round < rounds; round++) {
    const b1 = await baseline(seconds)
    const s1 = await subject(seconds)
    const s2 = await subject(seconds)
    const b2 = await baseline(seconds)
    runs.baseline.push(b1, b2)
    runs.subject.push(s1, s2)
    roundRatios.push(
      Object.fromEntries(
        Object.keys(b1).map((key) => [key, (s1[key] + s2[key]) / (b1[key] + b2[key])]),
      ),
    )
  }
  return { baseline: medians(runs.baseline), subject: medians(runs.subject), roundRatios }
}

/**
 * The lowest and highest of the rounds' ratios for one figure, for a row's `spread`.
 * @param {Array<Record<string, number>>} roundRatios
 * @param {string} key
 */
export function spreadOf(roundRatios, key) {
  const ratios = roundRatios.map((ratios) => ratios[key])
  return { min: Math.min(...ratios), max: Math.max(...ratios) }
}

/** The median of each figure over a side's runs. */
function medians(runs) {
  const keys = Object.keys(runs[0] ?? {})
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key]))]))
}
