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
 * baseline; resolves with the median of each figure per side.
 * @template {Record<string, number>} Figures
 * @param {{ baseline: (seconds: number) => Promise<Figures>,
 *   subject: (seconds: number) => Promise<Figures>, rounds: number, seconds: number,
 *   warmupSeconds: number }} options
 * @returns {Promise<{ baseline: Figures, subject: Figures }>}
 */
export async function loadInTurns({ baseline, subject, rounds, seconds, warmupSeconds }) {
  await baseline(warmupSeconds)
  await subject(warmupSeconds)
  const runs = { baseline: [], subject: [] }
  for (let round = 0; round < rounds; round++) {
    runs.baseline.push(await baseline(seconds))
    runs.subject.push(await subject(seconds))
    runs.subject.push(await subject(seconds))
    runs.baseline.push(await baseline(seconds))
  }
  return { baseline: medians(runs.baseline), subject: medians(runs.subject) }
}

/** The median of each figure over a side's runs. */
function medians(runs) {
  const keys = Object.keys(runs[0] ?? {})
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key]))]))
}
