// What @traykit/core costs a page and a Worker, built from the published dist, minified, gzip -9.
// - A page (code splitting, esbuild and rolldown): its first download is the entry file plus
//   every chunk the entry imports statically, recursively (bench/_lib/eager-size.mjs); chunks
//   behind an `import()` load later. esbuild and rolldown split differently, so both count.
// - A Worker (esbuild, one file, no splitting: wrangler's default): an `import()` is inlined, so
//   everything reachable counts.
// Each figure is read against a baseline from the same run: the 0.x way of importing (the root
// entry) for the lean entry, the lean client for what a subpath or the validator adds.
import { esbuildOneFile, esbuildSplit, rolldownSplit } from '../_lib/eager-size.mjs'

/** The first-download goal for `createTrayClient` (issue 17), in KiB gzip. */
const EAGER_GOAL_KIB = 8

const page = (imports) =>
  `${imports}\nexport const tray = createTrayClient({ baseUrl: '/tray', token: null })\n`
const app = {
  root: page(`import { createTrayClient } from '@traykit/core'`),
  lean: page(`import { createTrayClient } from '@traykit/core/client'`),
  everything: `import * as core from '@traykit/core'\nexport const all = Object.values(core)\n`,
  /** The lean client and every export of a subpath, used. */
  withSubpath: (subpath) =>
    page(
      `import { createTrayClient } from '@traykit/core/client'\n` +
        `import * as sub from '@traykit/core/${subpath}'\nexport const used = Object.values(sub)`,
    ),
}

const subpaths = {
  validate: 'validateInput, assertValidInput',
  lookups: 'resolveLookup, getOutputSchema, paginate',
  admin: 'authentications and service environments',
  forms: 'describeFields, examplePayload, getLookups, checkInputBounds, …',
}

/** @returns {Promise<import('../run.mjs').BenchRow[]>} */
export default async function () {
  const rows = []
  const row = (name, value, baseline, target) => ({
    name,
    unit: 'KiB',
    value,
    baseline,
    higherIsBetter: false,
    ...(target ? { target } : {}),
  })

  for (const [bundler, split] of [
    ['esbuild', esbuildSplit],
    ['rolldown', rolldownSplit],
  ]) {
    const root = await split(app.root)
    const lean = await split(app.lean)
    const rootBaseline = {
      name: `0.x: createTrayClient from the root, ${bundler}`,
      value: root.eager,
    }
    const leanBaseline = { name: `core/client's first download, ${bundler}`, value: lean.eager }
    // The goal is absolute; as a ratio against this run's baseline it reads goal / baseline.
    rows.push(
      row(
        `core/client createTrayClient: first download, ${bundler} (goal ${EAGER_GOAL_KIB} KiB)`,
        lean.eager,
        rootBaseline,
        `<= ${(EAGER_GOAL_KIB / root.eager).toFixed(3)}`,
      ),
      // Every chunk behind an import(): the validator (first validated call), valibot with the
      // catalog shapes (first request), the payload check (first call), the error path (first
      // failure or hook) and the limiter's queues (first request that must wait), summed.
      row(
        `core/client: + everything it loads later (validator, valibot and shapes, payload check, error path, limiter queues), ${bundler}`,
        lean.lazy,
        leanBaseline,
      ),
    )
    for (const [subpath, what] of Object.entries(subpaths)) {
      const withIt = await split(app.withSubpath(subpath))
      rows.push(
        row(
          `core/${subpath} (${what}): added to the first download, ${bundler}`,
          withIt.eager - lean.eager,
          leanBaseline,
        ),
      )
    }
    const everything = await split(app.everything)
    rows.push(
      row(
        `core root, every export used: first download, ${bundler}`,
        everything.eager,
        rootBaseline,
      ),
    )
  }

  const rootWorker = await esbuildOneFile(`export { createTrayClient } from '@traykit/core'`)
  const worker = await esbuildOneFile(`export { createTrayClient } from '@traykit/core/client'`)
  // The same Worker with the validator's import() left out: what validation adds to it.
  const withoutValidator = await esbuildOneFile(
    `export { createTrayClient } from '@traykit/core/client'`,
    { external: ['input-schema/assert-valid-input.js'] },
  )
  rows.push(
    row('Worker, one file: core/client createTrayClient, validator inlined', worker, {
      name: '0.x: createTrayClient from the root, one file',
      value: rootWorker,
    }),
    row('Worker, one file: the same without the validator', withoutValidator, {
      name: 'the same with it',
      value: worker,
    }),
  )
  return rows
}
